import { jest } from '@jest/globals';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/app-config.js';
import { jwtSecretFile, localJwtSecret } from './local-jwt-secret.js';
import { createTokenVerifier, mintLocalToken, TokenRejected } from './tokens.js';

const dirs: string[] = [];
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'plumbline-tokens-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('local (HS256) tokens', () => {
  it('generates the secret once, mode 0600, and the server verifies what the CLI minted', async () => {
    const config = loadConfig({ PLUMBLINE_DATA_DIR: dataDir() });
    const token = await mintLocalToken(config, 'alice', '8h', new Date());
    expect(statSync(jwtSecretFile(config)).mode & 0o777).toBe(0o600);
    const secret = localJwtSecret(config);
    expect(localJwtSecret(config)).toEqual(secret);
    await expect(createTokenVerifier(config).verify(token)).resolves.toBe('alice');
  });

  it('uses PLUMBLINE_JWT_SECRET when set, and refuses tokens signed with another secret', async () => {
    const dir = dataDir();
    const a = loadConfig({ PLUMBLINE_DATA_DIR: dir, PLUMBLINE_JWT_SECRET: 'a'.repeat(32) });
    const b = loadConfig({ PLUMBLINE_DATA_DIR: dir, PLUMBLINE_JWT_SECRET: 'b'.repeat(32) });
    const token = await mintLocalToken(a, 'alice', '1h', new Date());
    await expect(createTokenVerifier(a).verify(token)).resolves.toBe('alice');
    await expect(createTokenVerifier(b).verify(token)).rejects.toThrow('signature verification failed');
  });

  it('refuses a token without exp and one valid for longer than PLUMBLINE_MAX_TOKEN_LIFETIME', async () => {
    const config = loadConfig({ PLUMBLINE_DATA_DIR: dataDir(), PLUMBLINE_MAX_TOKEN_LIFETIME: '2h' });
    const unsigned = () =>
      new SignJWT({ sub: 'alice' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('plumbline')
        .setAudience('plumbline')
        .setIssuedAt();
    const verifier = createTokenVerifier(config);
    await expect(verifier.verify(await unsigned().sign(localJwtSecret(config)))).rejects.toThrow(
      'the token has no expiry (exp claim): tokens must expire',
    );
    await expect(
      verifier.verify(await unsigned().setExpirationTime('3h').sign(localJwtSecret(config))),
    ).rejects.toThrow('the token is valid for 3 h, longer than PLUMBLINE_MAX_TOKEN_LIFETIME (2h)');
    await expect(
      verifier.verify(await unsigned().setExpirationTime('2h').sign(localJwtSecret(config))),
    ).resolves.toBe('alice');
    await expect(mintLocalToken(config, 'alice', '3h', new Date())).rejects.toThrow(
      '--expires: 3h is longer than PLUMBLINE_MAX_TOKEN_LIFETIME (2h)',
    );
  });

  it('tells an expired token apart from an invalid one', async () => {
    const config = loadConfig({ PLUMBLINE_DATA_DIR: dataDir() });
    const token = await mintLocalToken(config, 'alice', '1m', new Date(Date.now() - 3_600_000));
    const rejection = await createTokenVerifier(config)
      .verify(token)
      .catch((error: unknown) => error);
    expect(rejection).toBeInstanceOf(TokenRejected);
    expect(rejection).toMatchObject({ reason: 'expired' });
    await expect(createTokenVerifier(config).verify('not-a-jwt')).rejects.toMatchObject({
      reason: 'invalid',
    });
  });

  it('keeps accepting a verified token from memory only while it is valid: past its exp it is refused', async () => {
    const config = loadConfig({ PLUMBLINE_DATA_DIR: dataDir() });
    const start = Date.now();
    // Expires before the one-minute memory would lapse on its own.
    const token = await mintLocalToken(config, 'alice', '30s', new Date(start));
    const verifier = createTokenVerifier(config);
    jest.useFakeTimers({ now: start, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      await expect(verifier.verify(token)).resolves.toBe('alice');
      jest.setSystemTime(start + 30_000);
      await expect(verifier.verify(token)).resolves.toBe('alice');
      // exp + jose's 5 s tolerance have passed: the remembered verification no longer counts.
      jest.setSystemTime(start + 36_000);
      await expect(verifier.verify(token)).rejects.toMatchObject({ reason: 'expired' });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a secret file other users can read', () => {
    const config = loadConfig({ PLUMBLINE_DATA_DIR: dataDir() });
    writeFileSync(jwtSecretFile(config), 'x'.repeat(43), { mode: 0o644 });
    expect(() => localJwtSecret(config)).toThrow(/readable by other users \(mode 644\): run chmod 600/);
  });

  it('refuses expiry strings it cannot read', async () => {
    const config = loadConfig({ PLUMBLINE_DATA_DIR: dataDir() });
    await expect(mintLocalToken(config, 'alice', '8 hours', new Date())).rejects.toThrow(
      /45s, 30m, 8h or 7d/,
    );
  });
});

describe('JWKS tokens', () => {
  let server: Server;
  let url: string;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) =>
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/jwks.json`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const sign = (claims: Record<string, unknown>, audience = 'plumbline-api') =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer('https://idp.example')
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(privateKey);

  const config = () =>
    loadConfig({
      PLUMBLINE_JWKS_URL: url,
      PLUMBLINE_JWT_ISSUER: 'https://idp.example',
      PLUMBLINE_JWT_AUDIENCE: 'plumbline-api',
      PLUMBLINE_JWT_USER_CLAIM: 'preferred_username',
    });

  it("accepts the identity provider's token and reads the user from the configured claim", async () => {
    await expect(
      createTokenVerifier(config()).verify(await sign({ preferred_username: 'dana', sub: 'u-17' })),
    ).resolves.toBe('dana');
  });

  it('refuses a token for another audience, one without the user claim, and an HS256 token', async () => {
    const verifier = createTokenVerifier(config());
    await expect(verifier.verify(await sign({ preferred_username: 'dana' }, 'other-api'))).rejects.toThrow(
      /claim 'aud'/,
    );
    await expect(verifier.verify(await sign({ sub: 'u-17' }))).rejects.toThrow(
      /no 'preferred_username' claim/,
    );
    const hs = await new SignJWT({ preferred_username: 'dana' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('https://idp.example')
      .setAudience('plumbline-api')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode('k'.repeat(32)));
    await expect(verifier.verify(hs)).rejects.toThrow(/algorithm not allowed/);
  });

  it('refuses to mint local tokens in JWKS mode', async () => {
    await expect(mintLocalToken(config(), 'dana', '1h', new Date())).rejects.toThrow(
      /PLUMBLINE_JWKS_URL is set/,
    );
  });
});
