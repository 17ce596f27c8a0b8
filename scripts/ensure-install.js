// Lets `npm start` and `npm test` work on a fresh clone: installs (npm ci, which also builds) when
// node_modules is missing or older than the lockfile, and builds when dist/ is missing.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const installed = 'node_modules/.package-lock.json';
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync('package-lock.json').mtimeMs) {
  process.stderr.write('plumbline: installing dependencies (npm ci)…\n');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
} else if (!existsSync('dist/apps')) {
  execSync('npm run -s build', { stdio: 'inherit' });
}
