/**
 * The shell every command shares: parse options, run, and turn failures into a clear message and
 * an exit code. A `UsageError` is the user's mistake (exit 2, no stack trace); anything else is a
 * bug in this product, printed in full so it can be reported.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** The exit code of a command that ran but found problems (errors in the register, a failed send). */
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${usage}`);
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
  throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not "${value}".`);
}

export async function runCommand(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = EXIT_USAGE;
    } else {
      console.error(error);
      process.exitCode = EXIT_FINDINGS;
    }
  }
}
