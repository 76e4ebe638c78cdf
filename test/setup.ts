import { afterEach, beforeAll } from 'vitest';

// The screens' Indonesian words load with a screen in the app (src/i18n); tests render screens
// and their parts directly.
beforeAll(async () => {
  const { loadScreenWords } = await import('../src/i18n');
  await loadScreenWords();
});

// Testing Library needs an explicit cleanup when vitest globals are off (toolchain notes).
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
