// Starts a real dwpilot for the browser tests and the first-load benchmark: the distribution Maven built
// (cli/target/dwpilot.jar with its lib/), embedded PostgreSQL, the demo warehouse at a small scale and the
// background simulator, exactly as `./dwpilot up` runs it, with bearer tokens so that token login is exercised.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const REPO = resolve(WEB, '..');

/**
 * The tokens the test server accepts: an admin (most tests), an analyst, and the simulator's (the background simulator
 * and the statements the tests stamp with workload time: only the simulator's token sets it).
 */
export const TOKENS = {
  admin: 'e2e-admin-token-0123456789',
  analyst: 'e2e-analyst-token-0123456789',
  simulator: 'e2e-simulator-token-0123456789',
};

/** A free TCP port on the loopback address. */
export function freePort() {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => ok(port));
    });
  });
}

/**
 * Starts dwpilot and waits until its health endpoint says UP.
 * @param {{ scale?: number, qps?: number, concurrency?: number, speed?: number, indexerMode?: string,
 *           workDir?: string, log?: (line: string) => void, timeoutMs?: number }} [options]
 * @returns {Promise<{ url: string, port: number, logFile: string, stop: () => Promise<void> }>}
 */
export async function startDwpilot(options = {}) {
  const dist = process.env.DWPILOT_DIST ?? join(REPO, 'cli', 'target');
  const jar = join(dist, 'dwpilot.jar');
  if (!existsSync(jar)) {
    throw new Error(`${jar} is missing: build the distribution first (mvn -B -DskipTests package)`);
  }
  const work = options.workDir ?? mkdtempSync(join(tmpdir(), 'dwpilot-e2e-'));
  mkdirSync(work, { recursive: true });
  const port = await freePort();
  const config = join(work, 'e2e.conf');
  writeFileSync(
    config,
    `include file(${JSON.stringify(join(REPO, 'application.conf'))})
dwpilot {
  database.embedded.port = 0
  http.auth.tokens = [
    { token = "${TOKENS.admin}", user = "e2e-admin", role = admin },
    { token = "${TOKENS.analyst}", user = "e2e-analyst", role = analyst },
    { token = "${TOKENS.simulator}", user = "e2e-simulator", role = simulator },
  ]
  simulator {
    enabled = true
    qps = ${options.qps ?? 3}
    concurrency = ${options.concurrency ?? 2}
    speed = ${options.speed ?? 60}
    token = "${TOKENS.simulator}"
  }
  agents.indexer.mode = ${options.indexerMode ?? 'recommend-only'}
}
`,
  );
  const logFile = join(work, 'server.log');
  const logStream = createWriteStream(logFile);
  const child = spawn(
    'java',
    [
      '-Xmx1g',
      '-Dai.djl.offline=true',
      '-jar',
      jar,
      'up',
      '--config',
      config,
      '--port',
      String(port),
      '--data-dir',
      join(work, 'pgdata'),
      '--scale',
      String(options.scale ?? 0.05),
    ],
    { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout.pipe(logStream);
  child.stderr.pipe(logStream);
  let exited = null;
  child.once('exit', (code, signal) => {
    exited = { code, signal };
  });
  // a test run or benchmark that dies must not leave a server (and its workload) running behind it
  const orphan = () => child.kill('SIGKILL');
  process.once('exit', orphan);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 240_000);
  let lastPhase = '';
  for (;;) {
    if (exited) {
      throw new Error(`dwpilot exited (${exited.code ?? exited.signal}) before it was up; its log:\n${tail(logFile)}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `dwpilot was not up within ${(options.timeoutMs ?? 240_000) / 1000} s; its log:\n${tail(logFile)}`,
      );
    }
    const health = await fetch(`${url}/api/v1/health`)
      .then((r) => r.json())
      .catch(() => null);
    if (health?.status === 'UP') break;
    if (health?.phase && health.phase !== lastPhase) {
      lastPhase = health.phase;
      options.log?.(`dwpilot: ${health.phase}`);
    }
    await sleep(500);
  }

  const stop = async () => {
    if (!exited) {
      const gone = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM'); // what Ctrl-C does: the server stops cleanly, writing its queued logs
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await gone;
      clearTimeout(timer); // a pending timer would keep the test runner from exiting
    }
    process.removeListener('exit', orphan);
    logStream.end();
    if (!options.workDir && !process.env.DWPILOT_E2E_KEEP) {
      rmSync(work, { recursive: true, force: true, maxRetries: 3 });
    }
  };
  return { url, port, logFile, stop };
}

/** The last lines of a file (for error messages). */
export function tail(file, lines = 40) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function sleep(ms) {
  return new Promise((ok) => setTimeout(ok, ms));
}
