import { afterEach } from 'vitest';

// Testing Library needs an explicit cleanup when vitest globals are off (toolchain notes).
afterEach(async () => {
  if (typeof document !== 'undefined') {
    const { cleanup } = await import('@testing-library/react');
    cleanup();
  }
});
