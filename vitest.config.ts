import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // CLI and validator tests spawn real processes (node, java, poppler); give them room on a busy 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
