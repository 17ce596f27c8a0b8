import { parseArgs } from 'node:util';
import { InputError } from '#domain/kernel/errors.js';
import { ConfigError, loadConfig } from '#infrastructure/config/app-config.js';
import { EXPIRY_PATTERN, mintLocalToken } from '#infrastructure/auth/tokens.js';

const USAGE = 'usage: plumbline token --user NAME [--expires 8h]   (expires: 45s, 30m, 8h, 7d)';

/**
 * `plumbline token --user NAME [--expires 8h]`: prints a bearer token for the embedded HS256 mode, signed with
 * the same secret as the server (PLUMBLINE_JWT_SECRET, or `<PLUMBLINE_DATA_DIR>/jwt-secret`).
 */
export async function run(args: string[]): Promise<number> {
  let values: { user?: string; expires?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        user: { type: 'string', short: 'u' },
        expires: { type: 'string', short: 'e', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new InputError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const user = values.user?.trim();
  if (!user) throw new InputError(`--user: name the user the token is for\n${USAGE}`);
  if (user.length > 100) throw new InputError('--user: at most 100 characters');
  const expires = values.expires ?? '8h';
  if (!EXPIRY_PATTERN.test(expires)) {
    throw new InputError(`--expires: '${expires}' must look like 45s, 30m, 8h or 7d`);
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new InputError(error.message);
    throw error;
  }
  if (config.PLUMBLINE_JWKS_URL) {
    throw new InputError(
      'PLUMBLINE_JWKS_URL is set: the server accepts tokens of your identity provider only; plumbline token mints local (HS256) tokens',
    );
  }
  process.stdout.write(`${await mintLocalToken(config, user, expires, new Date())}\n`);
  return 0;
}
