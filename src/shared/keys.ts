/**
 * Keys go to a field being typed in (Instrumen's and Tinjauan's screen keys wait): text, a list
 * box, a radio group (its arrows choose among its buttons). A ticked checkbox does not hold them.
 */
export const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el instanceof HTMLInputElement && el.type !== 'checkbox'));
