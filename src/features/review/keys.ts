/** Keys go to a field being typed in; a ticked checkbox or radio button does not hold them. */
export const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el instanceof HTMLInputElement && el.type !== 'checkbox' && el.type !== 'radio'));
