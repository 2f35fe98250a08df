import { defineConfig } from 'vitest/config';

// Layer 3 of design.md "Testing": the built extension (.output/chrome-mv3) in Debian Chromium.
// One browser at a time: the machine has two cores and each test owns a profile.
export default defineConfig({
  resolve: { alias: { '@': new URL('.', import.meta.url).pathname } },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
