import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

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

  get eventStoreKind(): 'sqlite' | 'eventstoredb' {
    return this.EVENTSTORE_URL ? 'eventstoredb' : 'sqlite';
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the given environment (defaults for unset settings); throws ConfigError naming every bad setting. */
export function loadConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const known = Object.keys(new AppConfig()).concat('EVENTSTORE_URL');
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => known.includes(key) && value !== undefined),
  );
  const config = plainToInstance(AppConfig, relevant, { exposeDefaultValues: true });
  const errors = validateSync(config, { forbidUnknownValues: true });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((e) => {
        const message = Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`;
        return `${message} (got ${JSON.stringify(relevant[e.property])})`;
      }),
    );
  }
  return config;
}
