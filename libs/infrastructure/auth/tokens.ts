import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey, SignJWT } from 'jose';
import type { AppConfig } from '../config/app-config.js';
import { localJwtSecret } from './local-jwt-secret.js';
import { InputError } from '#domain/kernel/errors.js';

/** `iss` and `aud` of tokens minted by `plumbline token` unless PLUMBLINE_JWT_ISSUER/AUDIENCE say otherwise. */
export const LOCAL_ISSUER = 'plumbline';
export const LOCAL_AUDIENCE = 'plumbline';

/** Why a presented token was not accepted; `expired` is told apart so clients know to get a new one. */
export class TokenRejected extends Error {
  constructor(
    readonly reason: 'invalid' | 'expired',
    message: string,
  ) {
    super(message);
    this.name = 'TokenRejected';
  }
}

export interface TokenVerifier {
  /** The user name the token asserts; throws TokenRejected. */
  verify(token: string): Promise<string>;
}

/** Asymmetric algorithms accepted from an identity provider's JWKS (never `none`, never HMAC with a public key). */
const JWKS_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** HS256 with the local secret, or the keys of PLUMBLINE_JWKS_URL (fetched and cached by jose). */
export function createTokenVerifier(config: AppConfig): TokenVerifier {
  const claim = config.PLUMBLINE_JWT_USER_CLAIM;
  const jwks = config.PLUMBLINE_JWKS_URL;
  const options = {
    issuer: config.PLUMBLINE_JWT_ISSUER ?? LOCAL_ISSUER,
    audience: config.PLUMBLINE_JWT_AUDIENCE ?? LOCAL_AUDIENCE,
    algorithms: jwks ? JWKS_ALGORITHMS : ['HS256'],
    clockTolerance: 5,
  };
  const keys: JWTVerifyGetKey | undefined = jwks ? createRemoteJWKSet(new URL(jwks)) : undefined;
  const secret = keys ? undefined : localJwtSecret(config);
  const check = async (token: string) =>
    (keys ? await jwtVerify(token, keys, options) : await jwtVerify(token, secret!, options)).payload;
  const verified = new VerifiedTokens();
  const maxLifetime = {
    text: config.PLUMBLINE_MAX_TOKEN_LIFETIME,
    seconds: seconds(config.PLUMBLINE_MAX_TOKEN_LIFETIME),
  };
  return {
    async verify(token) {
      const known = verified.get(token, Date.now());
      if (known !== undefined) return known;
      let payload: JWTPayload;
      try {
        payload = await check(token);
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new TokenRejected('expired', 'the token has expired');
        if (error instanceof errors.JOSEError) {
          throw new TokenRejected('invalid', `the token is not valid: ${describe(error)}`);
        }
        throw error;
      }
      const lifetime = lifetimeProblem(payload, maxLifetime, Date.now());
      if (lifetime) throw new TokenRejected('invalid', lifetime);
      const user = payload[claim];
      if (typeof user !== 'string' || user.trim() === '') {
        throw new TokenRejected('invalid', `the token has no '${claim}' claim naming the user`);
      }
      verified.add(token, user, payload, Date.now());
      return user;
    },
  };
}

/**
 * Tokens that passed every check, so a client sending the same token with each request pays for the signature
 * check (about 0.2 ms) once a minute rather than per request. An entry holds for at most `MAX_AGE_MS`, so a key
 * withdrawn from the JWKS stops its tokens within a minute, and never past the token's own `exp` (or before its
 * `nbf`): those are checked again at each use, with jose's clock tolerance.
 */
class VerifiedTokens {
  private static readonly MAX_AGE_MS = 60_000;
  private static readonly MAX_ENTRIES = 10_000;
  private static readonly TOLERANCE_MS = 5_000;
  private readonly entries = new Map<string, { user: string; from: number; until: number }>();

  get(token: string, now: number): string | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (now < entry.from || now > entry.until) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.user;
  }

  add(token: string, user: string, payload: JWTPayload, now: number): void {
    const tolerance = VerifiedTokens.TOLERANCE_MS;
    const until = Math.min(
      now + VerifiedTokens.MAX_AGE_MS,
      payload.exp === undefined ? Infinity : payload.exp * 1000 + tolerance,
    );
    const from = payload.nbf === undefined ? -Infinity : payload.nbf * 1000 - tolerance;
    // A Map iterates in insertion order: when full, the oldest entry goes.
    if (this.entries.size >= VerifiedTokens.MAX_ENTRIES)
      this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { user, from, until });
  }
}

/** Why a token's lifetime is not acceptable: it never expires, or lives longer than the configured maximum. */
function lifetimeProblem(
  payload: JWTPayload,
  max: { text: string; seconds: number },
  now: number,
): string | null {
  if (typeof payload.exp !== 'number') return 'the token has no expiry (exp claim): tokens must expire';
  const from = typeof payload.iat === 'number' ? payload.iat : Math.floor(now / 1000);
  if (payload.exp - from <= max.seconds) return null;
  return `the token is valid for ${Math.round((payload.exp - from) / 3600)} h, longer than PLUMBLINE_MAX_TOKEN_LIFETIME (${max.text})`;
}

/** A reason safe to tell the caller: the claim or check that failed, never key material. */
function describe(error: InstanceType<typeof errors.JOSEError>): string {
  if (error instanceof errors.JWTClaimValidationFailed)
    return `claim '${error.claim}' check failed (${error.reason})`;
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature verification failed';
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid)
    return 'not a well-formed JWT';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (error instanceof errors.JWKSNoMatchingKey) return 'no key of the JWKS matches';
  if (error instanceof errors.JWKSTimeout) return 'the JWKS could not be fetched in time';
  return error.code;
}

/** `8h`, `30m`, `7d`, `45s`: the lifetimes `plumbline token --expires` accepts. */
export const EXPIRY_PATTERN = /^[1-9]\d{0,5}[smhd]$/;

/** Mints a token for the embedded HS256 mode (what `plumbline token` prints). */
export async function mintLocalToken(
  config: AppConfig,
  user: string,
  expiresIn: string,
  now: Date,
): Promise<string> {
  if (config.PLUMBLINE_JWKS_URL) {
    throw new Error(
      'PLUMBLINE_JWKS_URL is set: tokens come from your identity provider, not from plumbline token',
    );
  }
  if (seconds(expiresIn) > seconds(config.PLUMBLINE_MAX_TOKEN_LIFETIME)) {
    throw new InputError(
      `--expires: ${expiresIn} is longer than PLUMBLINE_MAX_TOKEN_LIFETIME (${config.PLUMBLINE_MAX_TOKEN_LIFETIME}); the server would refuse the token`,
    );
  }
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT({ [config.PLUMBLINE_JWT_USER_CLAIM]: user })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user)
    .setIssuer(config.PLUMBLINE_JWT_ISSUER ?? LOCAL_ISSUER)
    .setAudience(config.PLUMBLINE_JWT_AUDIENCE ?? LOCAL_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + seconds(expiresIn))
    .sign(localJwtSecret(config));
}

function seconds(expiresIn: string): number {
  if (!EXPIRY_PATTERN.test(expiresIn))
    throw new Error(`expiry '${expiresIn}' must look like 45s, 30m, 8h or 7d`);
  const unit = { s: 1, m: 60, h: 3600, d: 86_400 }[expiresIn.slice(-1) as 's' | 'm' | 'h' | 'd'];
  return Number(expiresIn.slice(0, -1)) * unit;
}
