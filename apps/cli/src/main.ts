import { InputError } from '#domain/kernel/errors.js';
import { EXIT_INVALID_INPUT } from './cli-io.js';

/** A subcommand: takes its arguments, returns the exit code. Loaded lazily so pure commands start fast. */
export type Command = (args: string[]) => Promise<number> | number;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  projections: {
    summary: 'rebuild | status — read models rebuilt from the start of the log',
    load: async () => (await import('./projections.command.js')).run,
  },
  token: {
    summary: 'token --user NAME [--expires 8h] — a bearer token for the embedded server (docs/api.md)',
    load: async () => (await import('./token.command.js')).run,
  },
  schedule: {
    summary: 'CPM on working calendars (docs/formats/schedule-json.md)',
    load: async () => (await import('./schedule.command.js')).run,
  },
  evm: {
    summary: 'earned value per work package, control account and total (docs/formats/evm-json.md)',
    load: async () => (await import('./evm.command.js')).run,
  },
  level: {
    summary: 'resource leveling: PSPLIB .sm files or schedule JSON with resources (docs/leveling.md)',
    load: async () => (await import('./level.command.js')).run,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(12)} ${c.summary}`);
  return ['usage: plumbline <command> [options]', '', 'commands:', ...lines].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    // asked for: the usage is the result (stdout, exit 0); missing: it is the error message (stderr, exit 2)
    (name ? process.stdout : process.stderr).write(usage() + '\n');
    return name ? 0 : EXIT_INVALID_INPUT;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`plumbline: unknown command '${name}'\n${usage()}\n`);
    return EXIT_INVALID_INPUT;
  }
  try {
    return await (
      await command.load()
    )(args);
  } catch (error) {
    if (error instanceof InputError) {
      process.stderr.write(`plumbline ${name}: ${error.message}\n`);
      return EXIT_INVALID_INPUT;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
