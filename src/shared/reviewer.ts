/** The evaluator's name on this laptop: typed once in Tinjauan, carried into the export form. */
const KEY = 'siap-kla.reviewer';

export const storedReviewer = (): string => localStorage.getItem(KEY) ?? '';
export const rememberReviewer = (name: string): void => localStorage.setItem(KEY, name);
