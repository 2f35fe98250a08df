import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit + fixture tests (layers 1–2 of design.md "Testing"). E2E has its own config.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['{entrypoints,components,utils,test}/**/*.test.{ts,tsx}'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    setupFiles: ['test/setup.ts'],
    restoreMocks: true,
  },
});
