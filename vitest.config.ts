import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// Unit tests (node) and component tests (jsdom, chosen per file with `// @vitest-environment jsdom`).
// Storage tests stay in node: fake-indexeddb under jsdom stores Blobs as `{}` (toolchain notes).
export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/unit/**/*.test.ts', 'test/component/**/*.test.tsx'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 20000,
  },
});
