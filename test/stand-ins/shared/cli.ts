// What the three stand-in command lines have in common: --port/--host/--seed/--help, number
// checks, and a clean stop on Ctrl+C or SIGTERM (the demo and scripts stop them that way).
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';

// A type, not an interface: parseArgs' result types need an index-signature-compatible shape.
type CommonOptions = {
  port: { type: 'string'; default: string };
  host: { type: 'string'; default: string };
  seed: { type: 'string' };
  help: { type: 'boolean'; short: 'h'; default: boolean };
};

/** Parses the common options plus `extra`; prints `usage` and exits on --help. */
export function parseCliArgs<const T extends ParseArgsOptionsConfig>(usage: string, defaultPort: string, extra: T) {
  const options: CommonOptions & T = {
    port: { type: 'string', default: defaultPort },
    host: { type: 'string', default: '127.0.0.1' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
    ...extra,
  };
  const { values } = parseArgs<{ options: CommonOptions & T }>({ options });
  // (`values` of a generic config is not narrowed inside this function; callers see the real type.)
  if ((values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}

/** The option's text as a whole number from 0 to `max`, else undefined. */
export function wholeNumber(text: string, max = Infinity): number | undefined {
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 && n <= max ? n : undefined;
}

/** Bad command line: the message on stderr, exit code 2. */
export function exitUsage(message: string): never {
  console.error(message);
  process.exit(2);
}

/** Closes the stand-in on SIGINT/SIGTERM (once), then exits 0, or 1 if closing failed. */
export function stopOnSignals(name: string, close: () => Promise<void>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping ${name}`);
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}
