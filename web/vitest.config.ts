import { defineConfig } from 'vitest/config';

// Unit tests of the data-shaping code: pure functions, no browser.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
