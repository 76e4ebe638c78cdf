import { availableParallelism } from 'node:os';
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
    // vitest's default leaves one core free: on CI's 2 cores that is one worker, and the unit run
    // took ~250 s instead of ~150 s (the default test run must stay under 15 minutes)
    maxWorkers: Math.max(2, availableParallelism()),
  },
});
