import type { FormEvent } from 'react';

/**
 * A required field's message in the app's language: the browser's own bubble ("Please fill out
 * this field.") spoke the browser's language, not the officer's (the seventh walk). Spread on the
 * input: `<input required {...sayRequired(t('exchange.nameRequired'))} />`.
 */
export function sayRequired(message: string) {
  return {
    onInvalid: (e: FormEvent<HTMLInputElement>) => e.currentTarget.setCustomValidity(e.currentTarget.validity.valueMissing ? message : ''),
    onInput: (e: FormEvent<HTMLInputElement>) => e.currentTarget.setCustomValidity(''),
  };
}
