// Measures the dashboard's first load: how long a browser with an empty cache takes from navigating to the
// Overview until it shows its data (KPIs filled, the live query feed, the performance chart drawn), with the server
// under a simulated workload; and the size of the built JavaScript, gzipped. Prints a table and writes a Markdown
// report. Run from web/ after `mvn -B -DskipTests package`:
//
//   npm run bench -- [--runs 20] [--qps 2,8] [--concurrency 4] [--warmup 90] [--report FILE]
//   npm run bench -- --url http://127.0.0.1:8080 [--token T]      (a running server, as it is)
//
// Without --url it starts a dwpilot of its own for each workload rate in --qps (embedded PostgreSQL, demo data, the
// background simulator at that rate), lets the workload run --warmup seconds, then measures.
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
    qps: { type: 'string', default: '2,8' },
    concurrency: { type: 'string', default: '4' },
    warmup: { type: 'string', default: '90' },
    url: { type: 'string' },
    token: { type: 'string' },
    report: { type: 'string', default: '../docs/results/dashboard.md' },
  },
});
const RUNS = Number(args.runs);
const AIM_MS = 1500;
const BUDGET_KB = 600;
const log = (line) => console.log(line);
const kb = (n) => (n / 1024).toFixed(1);
const ms = (n) => n.toFixed(0);

function quantile(sorted, q) {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0], median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), max: sorted[sorted.length - 1] };
}

/** The built files, gzipped as the server sends them. */
function bundleSizes() {
  const dir = resolve('target/classes/dashboard/assets');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.js') || f.endsWith('.css'))
    .map((f) => {
      const bytes = readFileSync(join(dir, f));
      return { file: f, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** One cold load in a fresh browser context: navigation timing, and when the Overview had its data on screen. */
async function measureLoad(browser, url, token) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  if (token) await context.addInitScript((t) => sessionStorage.setItem('dwpilot.token', t), token);
  const page = await context.newPage();
  await page.goto(url + '/', { waitUntil: 'commit' });
  await page.waitForFunction(
    () =>
      document.querySelector('[data-testid=kpis][data-ready=true]') &&
      document.querySelector('[data-testid=feed-item]') &&
      document.querySelector('[data-testid=performance-chart] canvas'),
    null,
    { timeout: 30_000, polling: 'raf' },
  );
  const timing = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    return {
      ready: performance.now(),
      ttfb: nav.responseStart,
      domContentLoaded: nav.domContentLoadedEventEnd,
      transferred: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
      // how long each API call of the first load took, by path (what the page waited for)
      api: Object.fromEntries(
        resources.filter((r) => r.name.includes('/api/v1/')).map((r) => [new URL(r.name).pathname, r.duration]),
      ),
    };
  });
  await context.close();
  return timing;
}

/** RUNS cold loads against a server, with the executions per second it served meanwhile. */
async function measure(browser, url, token) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const served = async () =>
    (await fetch(`${url}/api/v1/dashboard/overview`, { headers }).then((r) => r.json())).throughput?.qps;
  const qpsBefore = await served();
  await measureLoad(browser, url, token); // the server's first answers to a browser (class loading, caches) are not a user's
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    const load = await measureLoad(browser, url, token);
    loads.push(load);
    log(
      `  run ${String(i + 1).padStart(2)}: overview ready ${ms(load.ready)} ms (TTFB ${ms(load.ttfb)}, DOMContentLoaded ${ms(load.domContentLoaded)})`,
    );
  }
  const calls = [...new Set(loads.flatMap((l) => Object.keys(l.api)))].sort();
  return {
    qpsBefore,
    qpsAfter: await served(),
    ready: summary(loads.map((l) => l.ready)),
    domContentLoaded: summary(loads.map((l) => l.domContentLoaded)),
    ttfb: summary(loads.map((l) => l.ttfb)),
    transferred: summary(loads.map((l) => l.transferred)),
    api: calls.map((call) => ({ call, ...summary(loads.map((l) => l.api[call]).filter((d) => d !== undefined)) })),
  };
}

function section(title, m) {
  const row = (name, s, f = ms) => `| ${name} | ${f(s.min)} | ${f(s.median)} | ${f(s.p90)} | ${f(s.max)} |`;
  return `## ${title}

Executions served: ${m.qpsBefore?.toFixed(2) ?? 'n/a'} → ${m.qpsAfter?.toFixed(2) ?? 'n/a'} per second over the last minute, before and after the runs.

| ${RUNS} cold loads | min | median | p90 | max |
|---|---:|---:|---:|---:|
${row('ready (ms)', m.ready)}
${row('DOMContentLoaded (ms)', m.domContentLoaded)}
${row('time to first byte (ms)', m.ttfb)}
${row('transferred (KB)', m.transferred, kb)}

Aim: ready ≤ ${AIM_MS} ms — **${m.ready.median <= AIM_MS ? 'met' : 'MISSED'}** (median ${ms(m.ready.median)} ms, p90 ${ms(m.ready.p90)} ms).

The API calls of the first load (ms, as the browser timed them):

| call | min | median | p90 | max |
|---|---:|---:|---:|---:|
${m.api.map((a) => row(`\`${a.call}\``, a)).join('\n')}
`;
}

const browser = await launchChromium();
const sections = [];
try {
  if (args.url) {
    const url = args.url.replace(/\/$/, '');
    log(`Measuring ${RUNS} cold loads of ${url}/ ...`);
    sections.push(section(`The server at ${url}, as it is`, await measure(browser, url, args.token ?? null)));
  } else {
    for (const qps of args.qps.split(',').map(Number)) {
      log(`Starting dwpilot with a simulated workload of ${qps} statements/s (${args.concurrency} virtual users) ...`);
      const server = await startDwpilot({ qps, concurrency: Number(args.concurrency), indexerMode: 'automatic', log });
      try {
        log(`Letting the workload run ${args.warmup} s before measuring ...`);
        await sleep(Number(args.warmup) * 1000);
        log(`Measuring ${RUNS} cold loads of ${server.url}/ ...`);
        const m = await measure(browser, server.url, TOKENS.admin);
        sections.push(section(`Under a simulated workload of ${qps} statements/s`, m));
        log(
          `overview ready at ${qps} statements/s: median ${ms(m.ready.median)} ms, p90 ${ms(m.ready.p90)} ms (aim ≤ ${AIM_MS} ms)`,
        );
      } finally {
        await server.stop();
      }
    }
  }
} finally {
  await browser.close();
}

const bundle = bundleSizes();
const jsGzip = bundle.filter((b) => b.file.endsWith('.js')).reduce((s, b) => s + b.gzip, 0);
const cssGzip = bundle.filter((b) => b.file.endsWith('.css')).reduce((s, b) => s + b.gzip, 0);
const command = args.url
  ? `npm run bench -- --url ${args.url} --runs ${RUNS}`
  : `npm run bench -- --runs ${RUNS} --qps ${args.qps} --concurrency ${args.concurrency} --warmup ${args.warmup}`;
const report = `# Dashboard: first load and bundle size

Measured ${new Date().toISOString().slice(0, 10)} on ${cpus().length} cores and ${Math.round(totalmem() / 2 ** 30)} GiB, in headless Chromium
(Debian's package), the browser on the same machine as the server, its PostgreSQL and the simulated workload. Each run
is a cold load: a new browser context with an empty cache and no storage. "Ready" is the time from navigation start
until the KPIs hold the server's numbers, the live query feed shows executions and the performance chart is drawn.

Command (from \`web/\`, after \`mvn -B -DskipTests package\`):

\`\`\`
${command}
\`\`\`

${sections.join('\n')}
## Built JavaScript and CSS (gzip level 9, as served)

Total JavaScript ${kb(jsGzip)} KB gzipped (aim ≤ ${BUDGET_KB} KB — **${jsGzip / 1024 <= BUDGET_KB ? 'met' : 'MISSED'}**), CSS ${kb(cssGzip)} KB. The Overview loads the
main chunk, the charts chunk and the stylesheet; every other page's chunk loads on its first visit.

| file | raw KB | gzip KB |
|---|---:|---:|
${bundle.map((b) => `| ${b.file} | ${kb(b.raw)} | ${kb(b.gzip)} |`).join('\n')}
`;
const reportPath = resolve(args.report);
writeFileSync(reportPath, report);
log(`JavaScript: ${kb(jsGzip)} KB gzipped (aim ≤ ${BUDGET_KB} KB)`);
log(`report: ${relative(process.cwd(), reportPath)}`);
