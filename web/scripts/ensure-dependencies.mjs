// Installs the dashboard's npm packages exactly as package-lock.json pins them (npm ci), but only when the lock
// file changed since the last install: a Maven build should not spend its time reinstalling on every run.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`error: the dashboard build needs Node.js 20.19 or newer, found ${process.versions.node}`);
  process.exit(1);
}

const lock = readFileSync('package-lock.json');
const hash = createHash('sha256').update(lock).digest('hex');
const stamp = 'node_modules/.dwpilot-lock-sha256';
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
  console.log('npm packages are up to date with package-lock.json');
} else {
  console.log('Installing npm packages (npm ci) ...');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  writeFileSync(stamp, hash);
}
