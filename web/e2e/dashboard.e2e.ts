import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './harness/browser.mjs';
import { startRelay } from './harness/relay.mjs';
import { api, count, e2e, execute, LAPTOP, open, screenshot, TABLET, waitFor, workloadNow } from './support';

/**
 * Gives the test server something to show: statements through the front door (a selective lookup on an unindexed
 * column for the indexer, a spread of cheap ones for the models), a burst of failures for the anomaly watcher,
 * and one training of every model.
 */
async function prepareWorkload() {
  // stamped with the simulator's clock: the indexer's and the trainer's windows are of workload time
  const now = await workloadNow();
  const run = async (statements: string[]) => {
    for (let i = 0; i < statements.length; i += 8) {
      await Promise.all(statements.slice(i, i + 8).map((sql) => execute(sql, now)));
    }
  };
  const regions = ['north', 'south', 'east', 'west'];
  const shapes = [
    (i: number) => `SELECT count(*), sum(total_amount) FROM silver.sales_cleaned WHERE customer_id = ${i * 7 + 1}`,
    (i: number) =>
      `SELECT * FROM gold.sales_summary WHERE region = '${regions[i % 4]}' ORDER BY sale_date DESC LIMIT ${5 + (i % 20)}`,
    (i: number) =>
      `SELECT product_id, units_sold FROM gold.product_performance ORDER BY units_sold DESC LIMIT ${3 + (i % 17)}`,
    (i: number) =>
      `SELECT segment, count(*), avg(lifetime_value) FROM gold.customer_360 WHERE orders > ${i % 5} GROUP BY segment`,
    (i: number) =>
      `SELECT category, sum(net_revenue) FROM gold.sales_summary WHERE channel = 'web' AND units > ${i % 7} GROUP BY category`,
    (i: number) =>
      `SELECT p.product_name, s.stock_on_hand FROM gold.inventory_insights s JOIN silver.product_cleaned p USING (product_id) WHERE s.days_of_cover < ${10 + (i % 30)} LIMIT 20`,
    (i: number) =>
      `SELECT city, count(*) FROM silver.customer_cleaned WHERE signup_date > DATE '2025-01-01' + ${i % 300} GROUP BY city ORDER BY 2 DESC LIMIT 10`,
    (i: number) =>
      `SELECT movement_type, sum(quantity) FROM silver.inventory_cleaned WHERE product_id = ${1 + (i % 40)} GROUP BY movement_type`,
  ];
  await run(
    Array.from({ length: 48 * shapes.length }, (_, i) => shapes[i % shapes.length](Math.floor(i / shapes.length))),
  );
  for (let i = 0; i < 8; i++) await execute(`SELECT 1 / (${i} - ${i}) AS e2e_failure`, now);
  const trained = await api('POST', '/api/v1/ml/models/train', {});
  expect(trained.status).toBe(202);
  await waitFor(
    'the trainer to finish its four models',
    async () => {
      const runs = await api<{ runs: { model: string; finishedAt: string | null }[] }>(
        'GET',
        '/api/v1/ml/training-runs?limit=50',
      );
      return new Set(runs.json.runs.filter((r) => r.finishedAt).map((r) => r.model)).size >= 4;
    },
    240_000,
    2000,
  );
}

async function noErrorNotices(page: Page) {
  const notices = await page.locator('.notice[role=alert]').allTextContents();
  expect(notices, 'error notices on the page').toEqual([]);
}

describe.skipIf(e2e.skip !== null)('the dashboard in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
    await prepareWorkload();
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
  });

  describe('every page renders with real data', () => {
    it('Overview: KPIs, live queries, performance, resources, agents and optimizations', async () => {
      const { page, errors, context } = await open(browser, '/');
      await page.locator('[data-testid=kpis][data-ready=true]').waitFor();
      expect(
        Number((await page.getByTestId('kpi-queries-today').locator('.kpi-value').textContent())!.replace(/,/g, '')),
      ).toBeGreaterThan(0);
      await page.getByTestId('feed-item').first().waitFor();
      await page.getByTestId('agent-row').nth(5).waitFor();
      await page.getByTestId('performance-chart').locator('canvas').first().waitFor();
      await page.getByTestId('gauge-cpu').locator('canvas').waitFor();
      await noErrorNotices(page);
      await screenshot(page, 'overview');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('Overview in dark mode and on a tablet', async () => {
      for (const [name, options] of [
        ['overview-dark', { theme: 'dark' as const }],
        ['overview-tablet', { viewport: TABLET }],
      ] as const) {
        const { page, context } = await open(browser, '/', options);
        await page.locator('[data-testid=kpis][data-ready=true]').waitFor();
        await page.getByTestId('feed-item').first().waitFor();
        await screenshot(page, name);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(width, 'no horizontal scrolling').toBeLessThanOrEqual(
          (options as { viewport?: { width: number } }).viewport?.width ?? LAPTOP.width,
        );
        await context.close();
      }
    });

    it('Queries: filters, histogram, history, top queries, detail with its plan', async () => {
      const { page, errors, context } = await open(browser, '/queries');
      await page.getByTestId('query-row').first().waitFor();
      await page.getByTestId('duration-histogram').locator('canvas').first().waitFor();
      await page.getByTestId('top-queries').locator('tbody tr').first().waitFor();
      await noErrorNotices(page);
      await screenshot(page, 'queries');

      // the lookups prepareWorkload sent, found by their text
      await page.getByTestId('filter-text').fill('sum(total_amount) FROM silver.sales_cleaned WHERE customer_id');
      await page.getByTestId('filter-text').press('Enter');
      await expect
        .poll(() => page.evaluate(() => new URLSearchParams(location.search).get('text')))
        .toContain('customer_id');
      // the rows of the filtered page (the previous page stays on screen until they arrive)
      const lookup = page
        .getByTestId('query-row')
        .filter({ hasText: 'sum(total_amount) FROM silver.sales_cleaned' })
        .first();
      await lookup.waitFor();
      await lookup.click();
      const detail = page.getByTestId('query-detail');
      await detail.waitFor();
      await expect.poll(() => detail.textContent()).toContain('customer_id');
      await detail.getByTestId('explain-now').click(); // a fresh EXPLAIN of this very statement
      await detail.getByTestId('plan-tree').waitFor();
      expect(await detail.getByTestId('plan-tree').textContent()).toContain('sales_cleaned');
      await screenshot(page, 'query-detail', false);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('Agents: every agent and the decision timeline', async () => {
      const { page, errors, context } = await open(browser, '/agents');
      await page.getByTestId('agent-card').nth(5).waitFor();
      await page.getByTestId('decision-item').first().waitFor();
      await noErrorNotices(page);
      await screenshot(page, 'agents');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('Models: a card per model and the training history', async () => {
      const { page, errors, context } = await open(browser, '/models');
      await expect.poll(() => count(page, 'model-card')).toBe(4);
      await page.getByTestId('training-runs').locator('tbody tr').first().waitFor();
      await noErrorNotices(page);
      await screenshot(page, 'models');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('Health: score, resources, database statistics and anomalies', async () => {
      const { page, errors, context } = await open(browser, '/health');
      await page.getByTestId('health-score').locator('canvas').first().waitFor();
      await page.getByTestId('table-stats').locator('tbody tr').first().waitFor();
      await page.getByTestId('anomaly-row').first().waitFor();
      await noErrorNotices(page);
      await screenshot(page, 'health');
      expect(errors).toEqual([]);
      await context.close();
    });
  });

  it('shows a new query in the live feed within 2 s', async () => {
    const { page, context } = await open(browser, '/');
    await page.locator('[data-testid=feed-status][data-status=live]').waitFor();
    await page.getByTestId('feed-item').first().waitFor();
    const { queryId } = await execute(`SELECT 'live feed check' AS e2e, ${Date.now()} AS at`);
    const executedAt = Date.now();
    await page.locator(`[data-testid=feed-item][data-query-id="${queryId}"]`).waitFor({ timeout: 2000 });
    console.log(`query ${queryId} appeared in the live feed ${Date.now() - executedAt} ms after its answer`);
    await context.close();
  });

  it('reconnects a dropped WebSocket and catches up on what it missed', async () => {
    const relay = await startRelay(Number(new URL(e2e.url).port));
    try {
      const { page, context } = await open(browser, '/', { baseUrl: `http://127.0.0.1:${relay.port}` });
      // the query ids each feed connection delivered, by the URL and the time it was opened with (the page's first
      // connection may open before this listener is attached: the cut's time tells the new ones)
      const delivered: { url: string; openedAt: number; queryIds: number[] }[] = [];
      page.on('websocket', (ws) => {
        const socket = { url: ws.url(), openedAt: Date.now(), queryIds: [] as number[] };
        delivered.push(socket);
        ws.on('framereceived', (frame) => {
          const message = JSON.parse(String(frame.payload)) as { type: string; data: { queryId?: number } };
          if (message.type === 'query' && message.data.queryId !== undefined)
            socket.queryIds.push(message.data.queryId);
        });
      });
      const status = page.getByTestId('feed-status');
      await page.locator('[data-testid=feed-status][data-status=live]').waitFor();
      const cutAt = Date.now();
      relay.cut(3000); // the network drops and stays down for 3 s
      await page.locator('[data-testid=feed-status][data-status=reconnecting]').waitFor({ timeout: 5000 });
      expect(await status.textContent()).toContain('Reconnecting');
      const { queryId } = await execute(`SELECT 'sent while the dashboard was offline' AS e2e, ${Date.now()} AS at`);
      await page.locator('[data-testid=feed-status][data-status=live]').waitFor({ timeout: 20_000 });
      // a new connection asked for what came after the last message seen, and got the missed execution
      const reconnected = await waitFor(
        'the missed execution over a new connection',
        async () => delivered.find((s) => s.openedAt > cutAt && s.queryIds.includes(queryId)),
        10_000,
        100,
      );
      expect(reconnected.url).toMatch(/[?&]since=\d+/);
      // and the live list flows again: an execution after the reconnect shows up in it
      const after = await execute(`SELECT 'sent after the reconnect' AS e2e, ${Date.now()} AS at`);
      await page.locator(`[data-testid=feed-item][data-query-id="${after.queryId}"]`).waitFor({ timeout: 5000 });
      await context.close();
    } finally {
      await relay.close();
    }
  });

  it('applies an index recommendation from the Optimization page', async () => {
    const { page, context } = await open(browser, '/optimization');
    const mode = page.getByTestId('mode-switch');
    await mode.waitFor();
    await page.getByTestId('optimization-history').waitFor();
    await screenshot(page, 'optimization');
    if (await mode.isChecked()) {
      await mode.click(); // to recommend-only, so the recommendation waits for us
      await expect.poll(() => mode.isChecked()).toBe(false);
    }
    await page.getByTestId('analyze-button').click();
    const recommended = page.locator('[data-testid=recommendation-row][data-status=recommended]').first();
    await recommended.waitFor({ timeout: 90_000 });
    const id = await recommended.getAttribute('data-id');
    await recommended.getByTestId('apply-button').click();
    const row = page.locator(`[data-testid=recommendation-row][data-id="${id}"]`);
    await expect
      .poll(() => row.getAttribute('data-status'), { timeout: 90_000, interval: 500 })
      .toMatch(/applied|kept/);
    const stored = await api<{ status: string; appliedAt: string | null }>('GET', `/api/v1/optimization/indexes/${id}`);
    expect(stored.json.status).toMatch(/applied|kept/);
    expect(stored.json.appliedAt).not.toBeNull();
    await context.close();
  });

  it('acknowledges an anomaly from the Health page', async () => {
    const { page, context } = await open(browser, '/health');
    const open_ = page.locator('[data-testid=anomaly-row][data-acknowledged=false]').first();
    await open_.waitFor();
    const id = await open_.getAttribute('data-id');
    await open_.getByTestId('ack-button').click();
    const row = page.locator(`[data-testid=anomaly-row][data-id="${id}"]`);
    await expect.poll(() => row.getAttribute('data-acknowledged')).toBe('true');
    const stored = await api<{ items: { id: number; acknowledged: boolean; acknowledgedBy: string | null }[] }>(
      'GET',
      '/api/v1/anomalies?size=500',
    );
    const anomaly = stored.json.items.find((a) => String(a.id) === id)!;
    expect(anomaly.acknowledged).toBe(true);
    if (e2e.adminToken) expect(anomaly.acknowledgedBy).toBe('e2e-admin');
    await context.close();
  });

  describe.skipIf(!e2e.analystToken)('with tokens', () => {
    it('asks for a token, refuses a wrong one and signs in with a right one', async () => {
      const { page, context } = await open(browser, '/', { signIn: false });
      const token = page.locator('input[name=token]');
      await token.waitFor();
      await screenshot(page, 'login');
      await token.fill('not-the-right-token-at-all');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('The token was not accepted').waitFor();
      await token.fill(e2e.adminToken!);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('[data-testid=kpis][data-ready=true]').waitFor();
      await page.locator('[data-testid=feed-status][data-status=live]').waitFor({ timeout: 10_000 });
      await context.close();
    });

    it('shows an analyst the admin actions disabled', async () => {
      const { page, context } = await open(browser, '/optimization', { token: e2e.analystToken });
      await page.getByTestId('analyze-button').waitFor();
      expect(await page.getByTestId('analyze-button').isDisabled()).toBe(true);
      expect(await page.getByTestId('mode-switch').isDisabled()).toBe(true);
      await context.close();
    });

    it('tells an analyst that the Queries page shows only its own statements, and an admin nothing of the kind', async () => {
      const analyst = await open(browser, '/queries', { token: e2e.analystToken });
      await analyst.page.getByTestId('own-statements-only').waitFor();
      await analyst.context.close();
      const admin = await open(browser, '/queries');
      await admin.page.getByTestId('duration-histogram').waitFor();
      expect(await admin.page.getByTestId('own-statements-only').count()).toBe(0);
      await admin.context.close();
    });
  });
});
