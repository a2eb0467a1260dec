import { join } from 'node:path';
import { inject } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const e2e = inject('e2e');

export const LAPTOP = { width: 1366, height: 768 };
export const TABLET = { width: 1024, height: 768 };

/** Calls the API as the admin (the tests' setup and checks go through the same front door as everyone). */
export async function api<T = unknown>(
  method: string,
  path: string,
  body?: unknown,
  token = e2e.adminToken,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; json: T }> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extraHeaders };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(e2e.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : null) as T };
}

/**
 * Runs a statement through the front door; with `simulatedAt`, stamped with the simulator's clock as the simulator
 * stamps its own (the agents' windows are of workload time), with the simulator's token, which alone may set it.
 */
export async function execute(sql: string, simulatedAt?: string): Promise<{ queryId: number }> {
  const token = simulatedAt ? (e2e.simulatorToken ?? e2e.adminToken) : e2e.adminToken;
  const r = await api<{ queryId: number } & { detail?: { queryId: number } }>(
    'POST',
    '/api/v1/queries/execute',
    { sql },
    token,
    simulatedAt ? { 'X-Dwpilot-Simulated-At': simulatedAt } : {},
  );
  return { queryId: r.json.queryId ?? r.json.detail?.queryId ?? -1 };
}

/**
 * The workload clock now: the simulator's time on its newest statement (the agents' clock follows it), once the
 * background simulator has sent one.
 */
export async function workloadNow(): Promise<string> {
  return waitFor(
    'a statement of the simulator',
    async () => {
      const history = await api<{ items: { simulatedAt: string | null }[] }>('GET', '/api/v1/queries/history?size=50');
      return history.json.items.find((q) => q.simulatedAt)?.simulatedAt;
    },
    60_000,
    1000,
  );
}

export interface Opened {
  context: BrowserContext;
  page: Page;
  /** Errors the page logged or threw. */
  errors: string[];
}

/**
 * A fresh browser context (no cache, no storage) signed in with a token through the session storage, as the login
 * page leaves it, unless `signIn` is false.
 */
export async function open(
  browser: Browser,
  path = '/',
  options: {
    viewport?: { width: number; height: number };
    theme?: 'light' | 'dark';
    token?: string | null;
    signIn?: boolean;
    baseUrl?: string;
  } = {},
): Promise<Opened> {
  const context = await browser.newContext({ viewport: options.viewport ?? LAPTOP, acceptDownloads: true });
  const token = options.token === undefined ? e2e.adminToken : options.token;
  const theme = options.theme ?? 'light';
  await context.addInitScript(
    ([t, th, signIn]) => {
      localStorage.setItem('dwpilot.theme', th as string);
      if (t && signIn) sessionStorage.setItem('dwpilot.token', t as string);
    },
    [token, theme, options.signIn ?? true],
  );
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource|WebSocket connection/.test(m.text()))
      errors.push(`console: ${m.text()}`);
  });
  await page.goto((options.baseUrl ?? e2e.url) + path);
  return { context, page, errors };
}

/** A picture of the page for docs/dashboard.md: the whole page, or the viewport (for a drawer over the page). */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForTimeout(400); // let charts finish their entry animation
  // toasts about the test's own clicks would cover a random part of the picture
  await page.addStyleTag({ content: '.toast-stack { display: none !important; }' });
  await page.screenshot({ path: join(e2e.screenshots, `${name}.png`), fullPage });
}

/** Counts the elements of a test id. */
export function count(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).count();
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 60_000,
  everyMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, everyMs));
  }
}
