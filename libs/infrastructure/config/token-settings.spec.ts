import { loadConfig } from './app-config.js';

describe('token, limit and IDE settings', () => {
  it('defaults to local tokens, limits on, IDE on, no administrator', () => {
    expect(loadConfig({})).toMatchObject({
      PLUMBLINE_JWT_USER_CLAIM: 'sub',
      PLUMBLINE_MAX_BODY_BYTES: 1_048_576,
      PLUMBLINE_MAX_QUERY_DEPTH: 12,
      PLUMBLINE_GRAPHIQL: true,
    });
    expect(loadConfig({}).PLUMBLINE_ADMIN).toBeUndefined();
    expect(loadConfig({ PLUMBLINE_ADMIN: 'alice', PLUMBLINE_GRAPHIQL: 'false' })).toMatchObject({
      PLUMBLINE_ADMIN: 'alice',
      PLUMBLINE_GRAPHIQL: false,
    });
  });

  it.each([
    [{ PLUMBLINE_JWT_SECRET: 'short' }, /PLUMBLINE_JWT_SECRET must be at least 32 characters/],
    [{ PLUMBLINE_JWKS_URL: 'idp/keys' }, /PLUMBLINE_JWKS_URL must be an http\(s\) URL/],
    [
      { PLUMBLINE_JWKS_URL: 'https://idp.example/jwks' },
      /PLUMBLINE_JWT_ISSUER is required with PLUMBLINE_JWKS_URL[\s\S]*PLUMBLINE_JWT_AUDIENCE is required/,
    ],
    [
      {
        PLUMBLINE_JWKS_URL: 'https://idp.example/jwks',
        PLUMBLINE_JWT_ISSUER: 'i',
        PLUMBLINE_JWT_AUDIENCE: 'a',
        PLUMBLINE_JWT_SECRET: 's'.repeat(32),
      },
      /PLUMBLINE_JWT_SECRET and PLUMBLINE_JWKS_URL exclude each other/,
    ],
    [{ PLUMBLINE_MAX_BODY_BYTES: '10' }, /PLUMBLINE_MAX_BODY_BYTES must be an integer between 1024/],
    [{ PLUMBLINE_MAX_QUERY_DEPTH: 'deep' }, /PLUMBLINE_MAX_QUERY_DEPTH must be an integer/],
    [{ PLUMBLINE_MAX_QUERY_COMPLEXITY: '1' }, /PLUMBLINE_MAX_QUERY_COMPLEXITY must be an integer/],
    [{ PLUMBLINE_GRAPHIQL: 'maybe' }, /PLUMBLINE_GRAPHIQL must be true or false/],
    [{ PLUMBLINE_JWT_USER_CLAIM: 'a b' }, /PLUMBLINE_JWT_USER_CLAIM must be a claim name/],
  ])('refuses %j naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
