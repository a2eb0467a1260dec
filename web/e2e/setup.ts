import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { chromiumInstalled, chromiumPath } from './harness/browser.mjs';
import { startDwpilot, TOKENS } from './harness/server.mjs';

/** What the tests get from the global setup (vitest's inject('e2e')). */
export interface E2eContext {
  /** Why the browser tests do not run here, or null when they do. */
  skip: string | null;
  url: string;
  adminToken: string | null;
  analystToken: string | null;
  /** The token that may stamp statements with workload time; without one the admin's is sent. */
  simulatorToken: string | null;
  screenshots: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

/**
 * Starts one dwpilot for all browser tests, or uses the one at $DWPILOT_E2E_URL (with $DWPILOT_E2E_TOKEN when it
 * needs one; the tests then send it statements, train its models, switch its indexer to recommend-only and apply a
 * recommendation: point them at a server of your own only). Without Chromium the tests are skipped with a warning, unless $DWPILOT_E2E_REQUIRED is set (CI sets
 * it): then a missing browser fails the run.
 */
export default async function setup(project: TestProject) {
  const screenshots = resolve(process.env.DWPILOT_SCREENSHOTS ?? 'target/e2e/screenshots');
  mkdirSync(screenshots, { recursive: true });
  const base = { url: '', adminToken: null, analystToken: null, simulatorToken: null, screenshots };
  if (!chromiumInstalled()) {
    const reason = `Chromium not found at ${chromiumPath()} (apt-get install chromium, or set DWPILOT_CHROMIUM)`;
    if (process.env.DWPILOT_E2E_REQUIRED) {
      throw new Error(`The browser tests are required here (DWPILOT_E2E_REQUIRED) but cannot run: ${reason}`);
    }
    console.warn(`\n*** SKIPPING the dashboard's browser tests: ${reason} ***\n`);
    project.provide('e2e', { ...base, skip: reason });
    return undefined;
  }
  const external = process.env.DWPILOT_E2E_URL;
  if (external) {
    project.provide('e2e', {
      ...base,
      skip: null,
      url: external.replace(/\/$/, ''),
      adminToken: process.env.DWPILOT_E2E_TOKEN ?? null,
    });
    return undefined;
  }
  console.log('Starting dwpilot for the browser tests (embedded PostgreSQL, demo data, background simulator) ...');
  const server = await startDwpilot({ log: (line) => console.log(line) });
  console.log(`dwpilot is up at ${server.url} (log: ${server.logFile})`);
  project.provide('e2e', {
    ...base,
    skip: null,
    url: server.url,
    adminToken: TOKENS.admin,
    analystToken: TOKENS.analyst,
    simulatorToken: TOKENS.simulator,
  });
  return () => server.stop();
}
