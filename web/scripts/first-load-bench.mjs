// Measures the dashboard's first load: how long a browser with an empty cache takes from navigating to the
// Overview until it shows its data (KPIs filled, the live query feed, the performance chart drawn), with the server
// under a simulated workload; and the size of the built JavaScript, gzipped. Prints a table and writes a Markdown
// report. Run from web/ after `mvn -B -DskipTests package`:
//
//   npm run bench -- [--runs 20] [--qps 20] [--concurrency 8] [--url http://127.0.0.1:8080 --token T] [--report FILE]
//
// Without --url it starts its own dwpilot (embedded PostgreSQL, demo data, background simulator at --qps).
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../e2e/harness/browser.mjs';
import { sleep, startDwpilot, TOKENS } from '../e2e/harness/server.mjs';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    qps: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '8' },
    url: { type: 'string' },
    token: { type: 'string' },
    report: { type: 'string', default: '../docs/results/dashboard.md' },
    warmup: { type: 'string', default: '60' },
  },
});
const runs = Number(args.runs);
const AIM_MS = 1500;
const BUDGET_KB = 600;

function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), max: sorted[sorted.length - 1] };
}

/** The built files, gzipped as a server would send them. */
function bundleSizes() {
  const dir = resolve('target/classes/dashboard/assets');
  const files = readdirSync(dir).filter((f) => f.endsWith('.js') || f.endsWith('.css'));
  return files.map((f) => {
    const bytes = readFileSync(join(dir, f));
    return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }).sort((a, b) => b.gzip - a.gzip);
}

/** One cold load in a fresh browser context: navigation timing, and when the Overview had its data on screen. */
async function measureLoad(browser, url, token) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  if (token) await context.addInitScript((t) => sessionStorage.setItem('dwpilot.token', t), token);
  const page = await context.newPage();
  let transferred = 0;
  page.on('response', async (r) => {
    const length = Number((await r.allHeaders())['content-length'] ?? 0);
    transferred += Number.isFinite(length) ? length : 0;
  });
  await page.goto(url + '/', { waitUntil: 'commit' });
  await page.waitForFunction(() => document.querySelector('[data-testid=kpis][data-ready=true]')
    && document.querySelector('[data-testid=feed-item]')
    && document.querySelector('[data-testid=performance-chart] canvas'), null, { timeout: 30_000, polling: 'raf' });
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { ready: performance.now(), ttfb: nav.responseStart, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
  });
  await context.close();
  return { ...timing, transferred };
}

const log = (line) => console.log(line);
let server = null;
let url = args.url?.replace(/\/$/, '');
let token = args.token ?? null;
if (!url) {
  log(`Starting dwpilot with a simulated workload of ${args.qps} statements/s (${args.concurrency} users) ...`);
  server = await startDwpilot({ qps: Number(args.qps), concurrency: Number(args.concurrency), indexerMode: 'automatic', log });
  url = server.url;
  token = TOKENS.admin;
  log(`Letting the workload run ${args.warmup} s before measuring ...`);
  await sleep(Number(args.warmup) * 1000);
}

const browser = await launchChromium();
try {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const before = await fetch(`${url}/api/v1/dashboard/overview`, { headers }).then((r) => r.json());
  log(`Measuring ${runs} cold loads of ${url}/ ...`);
  await measureLoad(browser, url, token); // the server's first answers (class loading, caches) are not a user's first load
  const loads = [];
  for (let i = 0; i < runs; i++) {
    const load = await measureLoad(browser, url, token);
    loads.push(load);
    log(`  run ${String(i + 1).padStart(2)}: overview ready ${load.ready.toFixed(0)} ms (TTFB ${load.ttfb.toFixed(0)}, DOMContentLoaded ${load.domContentLoaded.toFixed(0)})`);
  }
  const after = await fetch(`${url}/api/v1/dashboard/overview`, { headers }).then((r) => r.json());
  const ready = summary(loads.map((l) => l.ready));
  const dcl = summary(loads.map((l) => l.domContentLoaded));
  const ttfb = summary(loads.map((l) => l.ttfb));
  const transferred = summary(loads.map((l) => l.transferred));
  const bundle = bundleSizes();
  const jsGzip = bundle.filter((b) => b.file.endsWith('.js')).reduce((s, b) => s + b.gzip, 0);
  const cssGzip = bundle.filter((b) => b.file.endsWith('.css')).reduce((s, b) => s + b.gzip, 0);
  const kb = (n) => (n / 1024).toFixed(1);
  const ms = (n) => n.toFixed(0);
  const verdict = ready.median <= AIM_MS ? 'met' : 'MISSED';
  const budget = jsGzip / 1024 <= BUDGET_KB ? 'met' : 'MISSED';
  const report = `# Dashboard: first load and bundle size

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, headless Chromium
(Debian's package), with the server under a simulated workload (${server ? `${args.qps} statements/s, ${args.concurrency} virtual users, started by the benchmark` : `the server at ${url}`}):
${formatNumber(before?.throughput?.qps)} → ${formatNumber(after?.throughput?.qps)} executions/s over the last minute before and after the runs.

Command (from \`web/\`, after \`mvn -B -DskipTests package\`):

\`\`\`
npm run bench -- --runs ${runs} --qps ${args.qps} --concurrency ${args.concurrency}
\`\`\`

## First load of the Overview (${runs} cold loads, each in a new browser context: empty cache, no storage)

"Ready" is the time from navigation start until the KPIs hold the server's numbers, the live query feed shows
executions and the performance chart is drawn.

| | min | median | p90 | max |
|---|---:|---:|---:|---:|
| ready (ms) | ${ms(ready.min)} | ${ms(ready.median)} | ${ms(ready.p90)} | ${ms(ready.max)} |
| DOMContentLoaded (ms) | ${ms(dcl.min)} | ${ms(dcl.median)} | ${ms(dcl.p90)} | ${ms(dcl.max)} |
| time to first byte (ms) | ${ms(ttfb.min)} | ${ms(ttfb.median)} | ${ms(ttfb.p90)} | ${ms(ttfb.max)} |
| transferred (KB, compressed) | ${kb(transferred.min)} | ${kb(transferred.median)} | ${kb(transferred.p90)} | ${kb(transferred.max)} |

Aim: ready ≤ ${AIM_MS} ms — **${verdict}** (median ${ms(ready.median)} ms, p90 ${ms(ready.p90)} ms).

## Built JavaScript and CSS (gzip level 9)

Total JavaScript ${kb(jsGzip)} KB gzipped (aim ≤ ${BUDGET_KB} KB — **${budget}**), CSS ${kb(cssGzip)} KB. The Overview loads
the main chunk and the charts chunk; the other pages' chunks load on first visit.

| file | raw KB | gzip KB |
|---|---:|---:|
${bundle.map((b) => `| ${b.file} | ${kb(b.raw)} | ${kb(b.gzip)} |`).join('\n')}
`;
  const reportPath = resolve(args.report);
  writeFileSync(reportPath, report);
  log('');
  log(`overview ready: median ${ms(ready.median)} ms, p90 ${ms(ready.p90)} ms, max ${ms(ready.max)} ms (aim ≤ ${AIM_MS} ms: ${verdict})`);
  log(`JavaScript: ${kb(jsGzip)} KB gzipped (aim ≤ ${BUDGET_KB} KB: ${budget})`);
  log(`report: ${relative(process.cwd(), reportPath)}`);
} finally {
  await browser.close();
  await server?.stop();
}

function formatNumber(n) {
  return typeof n === 'number' ? n.toFixed(2) : 'n/a';
}
