// Compiles apps/ and libs/ to dist/ with SWC (type checking is `npm run typecheck`).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const swc = require.resolve('@swc/cli/bin/swc.js');
rmSync('dist', { recursive: true, force: true });
execFileSync(process.execPath, [swc, 'apps', 'libs', '-d', 'dist', '--config-file', 'swc.build.json', '--quiet'], {
  stdio: 'inherit',
});
