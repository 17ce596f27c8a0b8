// Compiles apps/ and libs/ to dist/ with SWC (type checking is `npm run typecheck`). dist/ is overwritten in
// place, never emptied first, so a CLI or server started from it keeps working while another build runs;
// `npm run clean` empties it.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const swc = require.resolve('@swc/cli/bin/swc.js');
execFileSync(
  process.execPath,
  [swc, 'apps', 'libs', '-d', 'dist', '--config-file', 'swc.build.json', '--quiet'],
  {
    stdio: 'inherit',
  },
);
