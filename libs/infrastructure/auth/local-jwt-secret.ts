import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../config/app-config.js';

export const jwtSecretFile = (config: AppConfig) => join(resolve(config.PLUMBLINE_DATA_DIR), 'jwt-secret');

/**
 * The HS256 key of the embedded token mode: PLUMBLINE_JWT_SECRET when set, otherwise the secret kept in
 * `<PLUMBLINE_DATA_DIR>/jwt-secret`, generated (256 random bits, mode 0600) by whichever of the server and
 * `plumbline token` needs it first, so both sign and verify with the same key.
 */
export function localJwtSecret(config: AppConfig): Uint8Array {
  if (config.PLUMBLINE_JWT_SECRET) return new TextEncoder().encode(config.PLUMBLINE_JWT_SECRET);
  const file = jwtSecretFile(config);
  mkdirSync(resolve(config.PLUMBLINE_DATA_DIR), { recursive: true });
  try {
    // 'wx' fails when the file exists: two processes starting at once keep the first one's secret.
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    // A key others can read lets them mint tokens for anyone, the administrator included.
    throw new Error(
      `${file} is readable by other users (mode ${mode.toString(8)}): run chmod 600 on it, or set PLUMBLINE_JWT_SECRET`,
    );
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32) {
    throw new Error(`${file} holds fewer than 32 characters: delete it to have a new secret generated`);
  }
  return new TextEncoder().encode(secret);
}
