/**
 * Resolves when the browser is idle (at most `timeout` ms later), or at once where there is no
 * such call (tests, node). Work that can wait for the screen (compiling the classifier, the
 * misfile flags) waits for this, after the rows and the step the officer took are drawn.
 */
export const whenIdle = (timeout = 500): Promise<void> =>
  new Promise((resolve) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => resolve(), { timeout }) : resolve()));
