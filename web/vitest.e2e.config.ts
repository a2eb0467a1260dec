import { defineConfig } from 'vitest/config';

// End-to-end tests: a real dwpilot (started once by the global setup) driven in headless Chromium.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 420_000,
    reporters: ['verbose'],
    // a page is given time to load and react; the default second is too short for a browser on a loaded machine
    expect: { poll: { timeout: 15_000, interval: 200 } },
  },
});
