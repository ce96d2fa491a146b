/**
 * The shell every command shares: parse options, run, and turn failures into a clear message and
 * an exit code. A `UserError` is something the user can fix (its message says how; no stack
 * trace, its own exit code); anything else is a bug in this product, printed in full so it can be
 * reported.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EXIT_FAILURE, usageError, UserError } from '../core/errors.ts';
import { inertInActionsLog } from '../core/render/escape.ts';

export { EXIT_FAILURE, EXIT_USAGE, usageError, UserError } from '../core/errors.ts';

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw usageError(`${(error as Error).message}\n\n${usage}`);
  }
}

export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  option: string,
  fallback: T,
): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError(`${option} must be one of ${allowed.join(', ')}, not "${value}".`);
}

export async function runCommand(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof UserError) {
      // The message may quote content/ (a name, a file): it must not start a workflow command in a CI log.
      console.error(inertInActionsLog(error.message));
      process.exitCode = error.exitCode;
    } else {
      console.error(error);
      process.exitCode = EXIT_FAILURE;
    }
  }
}
