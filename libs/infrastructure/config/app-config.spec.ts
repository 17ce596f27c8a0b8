import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('defaults to the embedded store on port 3000 under ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, PLUMBLINE_DATA_DIR: './data', LOG_LEVEL: 'info' });
    expect(config.eventStoreKind).toBe('sqlite');
  });

  it('selects EventStoreDB when EVENTSTORE_URL is set', () => {
    const config = loadConfig({ EVENTSTORE_URL: 'esdb://127.0.0.1:2113?tls=false', PORT: '4000' });
    expect(config.eventStoreKind).toBe('eventstoredb');
    expect(config.PORT).toBe(4000);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be an integer between 1 and 65535 \(got "abc"\)/],
    [{ PORT: '70000' }, /PORT must be an integer/],
    [{ EVENTSTORE_URL: 'http://localhost:2113' }, /EVENTSTORE_URL must be an EventStoreDB connection string/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ PLUMBLINE_PROJECT_CACHE_SIZE: '0' }, /PLUMBLINE_PROJECT_CACHE_SIZE must be an integer between 1 and/],
  ])('refuses %j with a message naming the setting', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('bounds the in-memory project cache to 1000 projects unless PLUMBLINE_PROJECT_CACHE_SIZE says otherwise', () => {
    expect(loadConfig({}).PLUMBLINE_PROJECT_CACHE_SIZE).toBe(1000);
    expect(loadConfig({ PLUMBLINE_PROJECT_CACHE_SIZE: '50' }).PLUMBLINE_PROJECT_CACHE_SIZE).toBe(50);
  });

  it('names every bad setting at once', () => {
    expect(() => loadConfig({ PORT: '0', LOG_LEVEL: 'x' })).toThrow(/PORT[\s\S]*LOG_LEVEL/);
  });
});
