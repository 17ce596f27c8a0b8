import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MinLength,
  Min,
  validateSync,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
const toBoolean = ({ value }: { value: unknown }) =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/**
 * The one validated configuration of the server and the CLI: `process.env` is read here and nowhere else.
 * Names are the environment variables themselves so that every error names the setting a person must fix.
 */
export class AppConfig {
  @Transform(toInt)
  @IsInt({ message: 'PORT must be an integer between 1 and 65535' })
  @Min(1, { message: 'PORT must be an integer between 1 and 65535' })
  @Max(65535, { message: 'PORT must be an integer between 1 and 65535' })
  PORT: number = 3000;

  @IsString()
  @IsNotEmpty({ message: 'HOST must be a host name or address to listen on' })
  HOST: string = '127.0.0.1';

  @IsString()
  @IsNotEmpty({ message: 'PLUMBLINE_DATA_DIR must be a directory path' })
  PLUMBLINE_DATA_DIR: string = './data';

  /** Set to use EventStoreDB instead of the embedded SQLite store. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^esdb(\+discover)?:\/\/[^\s]+$/, {
    message:
      'EVENTSTORE_URL must be an EventStoreDB connection string (esdb://host:2113?tls=false or esdb+discover://…)',
  })
  EVENTSTORE_URL?: string;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /**
   * HS256 secret of the embedded token mode (≥ 32 characters). Unset: generated at first start and kept in
   * `<PLUMBLINE_DATA_DIR>/jwt-secret` (0600), which `plumbline token` reads too.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'PLUMBLINE_JWT_SECRET must be at least 32 characters (HS256 key)' })
  PLUMBLINE_JWT_SECRET?: string;

  /** Production: verify tokens with the keys of this JWKS URL instead of the local secret. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, {
    message: 'PLUMBLINE_JWKS_URL must be an http(s) URL of a JSON Web Key Set',
  })
  PLUMBLINE_JWKS_URL?: string;

  /** Required `iss` of tokens (required with PLUMBLINE_JWKS_URL; `plumbline` for local tokens by default). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PLUMBLINE_JWT_ISSUER?: string;

  /** Required `aud` of tokens (required with PLUMBLINE_JWKS_URL; `plumbline` for local tokens by default). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PLUMBLINE_JWT_AUDIENCE?: string;

  @Matches(/^[A-Za-z_][\w.-]*$/, {
    message: 'PLUMBLINE_JWT_USER_CLAIM must be a claim name such as sub or preferred_username',
  })
  PLUMBLINE_JWT_USER_CLAIM: string = 'sub';

  /**
   * The longest a bearer token may be valid (`exp` − `iat`, or `exp` − now without `iat`), as 45s, 30m, 8h or 7d:
   * a token without `exp`, or valid for longer, is refused, and `plumbline token` mints none longer.
   */
  @Matches(/^[1-9]\d{0,5}[smhd]$/, {
    message: 'PLUMBLINE_MAX_TOKEN_LIFETIME must be a lifetime such as 45s, 30m, 8h or 7d',
  })
  PLUMBLINE_MAX_TOKEN_LIFETIME: string = '24h';

  /** User name of the bootstrap administrator: may register projects and grant the first roles. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  PLUMBLINE_ADMIN?: string;

  @Transform(toInt)
  @IsInt({ message: 'PLUMBLINE_MAX_BODY_BYTES must be an integer between 1024 and 104857600' })
  @Min(1024, { message: 'PLUMBLINE_MAX_BODY_BYTES must be an integer between 1024 and 104857600' })
  @Max(104_857_600, { message: 'PLUMBLINE_MAX_BODY_BYTES must be an integer between 1024 and 104857600' })
  PLUMBLINE_MAX_BODY_BYTES: number = 1_048_576;

  @Transform(toInt)
  @IsInt({ message: 'PLUMBLINE_MAX_QUERY_DEPTH must be an integer between 2 and 100' })
  @Min(2, { message: 'PLUMBLINE_MAX_QUERY_DEPTH must be an integer between 2 and 100' })
  @Max(100, { message: 'PLUMBLINE_MAX_QUERY_DEPTH must be an integer between 2 and 100' })
  PLUMBLINE_MAX_QUERY_DEPTH: number = 12;

  @Transform(toInt)
  @IsInt({ message: 'PLUMBLINE_MAX_QUERY_COMPLEXITY must be an integer between 10 and 1000000' })
  @Min(10, { message: 'PLUMBLINE_MAX_QUERY_COMPLEXITY must be an integer between 10 and 1000000' })
  @Max(1_000_000, { message: 'PLUMBLINE_MAX_QUERY_COMPLEXITY must be an integer between 10 and 1000000' })
  PLUMBLINE_MAX_QUERY_COMPLEXITY: number = 10_000;

  /**
   * How many projects the server keeps folded in memory (their event logs, states and derived plan results);
   * the least recently used is dropped beyond it and folded again from the store when next asked for.
   */
  @Transform(toInt)
  @IsInt({ message: 'PLUMBLINE_PROJECT_CACHE_SIZE must be an integer between 1 and 1000000' })
  @Min(1, { message: 'PLUMBLINE_PROJECT_CACHE_SIZE must be an integer between 1 and 1000000' })
  @Max(1_000_000, { message: 'PLUMBLINE_PROJECT_CACHE_SIZE must be an integer between 1 and 1000000' })
  PLUMBLINE_PROJECT_CACHE_SIZE: number = 1000;

  /** Serves the offline GraphQL IDE at /graphiql. */
  @Transform(toBoolean)
  @IsBoolean({ message: 'PLUMBLINE_GRAPHIQL must be true or false' })
  PLUMBLINE_GRAPHIQL: boolean = true;

  get eventStoreKind(): 'sqlite' | 'eventstoredb' {
    return this.EVENTSTORE_URL ? 'eventstoredb' : 'sqlite';
  }
}

/** Settings without a default (absent from `new AppConfig()`'s keys). */
const OPTIONAL_SETTINGS = [
  'EVENTSTORE_URL',
  'PLUMBLINE_JWT_SECRET',
  'PLUMBLINE_JWKS_URL',
  'PLUMBLINE_JWT_ISSUER',
  'PLUMBLINE_JWT_AUDIENCE',
  'PLUMBLINE_ADMIN',
];

/** Token settings that only make sense together: a JWKS without issuer and audience accepts any tenant's tokens. */
function tokenSettingProblems(config: AppConfig): string[] {
  if (!config.PLUMBLINE_JWKS_URL) return [];
  const problems: string[] = [];
  if (config.PLUMBLINE_JWT_SECRET) {
    problems.push('PLUMBLINE_JWT_SECRET and PLUMBLINE_JWKS_URL exclude each other: set one of them');
  }
  for (const setting of ['PLUMBLINE_JWT_ISSUER', 'PLUMBLINE_JWT_AUDIENCE'] as const) {
    if (!config[setting]) problems.push(`${setting} is required with PLUMBLINE_JWKS_URL`);
  }
  return problems;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the given environment (defaults for unset settings); throws ConfigError naming every bad setting. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const known = Object.keys(new AppConfig()).concat(OPTIONAL_SETTINGS);
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== undefined),
  );
  const config = plainToInstance(AppConfig, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  const problems = errors.map((e) => {
    const message = Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`;
    return `${message} (got ${JSON.stringify(relevant[e.property])})`;
  });
  problems.push(...tokenSettingProblems(config));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
