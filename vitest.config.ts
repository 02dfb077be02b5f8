import { defineConfig } from 'vitest/config';

// CLI tests spawn the built program; on a loaded 2-core CI machine one spawn can take seconds.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
