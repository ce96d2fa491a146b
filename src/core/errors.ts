/**
 * The one kind of error a user can cause or fix: a wrong option, a revision that does not exist, a
 * refused API key, a register in a state a command cannot work from. Its message says what
 * happened, why and what to do; the command runner (`src/io/cli.ts`) prints it without a stack
 * trace and exits with its code. Anything else that is thrown is a bug in this product.
 */

/** The command ran and found problems (errors in the register), or could not finish its job. */
export const EXIT_FAILURE = 1;
/** The command was called wrongly (an unknown option, a missing value): nothing was done. */
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_FAILURE | typeof EXIT_USAGE;

export class UserError extends Error {
  override name = 'UserError';
  readonly exitCode: ExitCode;

  constructor(message: string, options: { exitCode?: ExitCode; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.exitCode = options.exitCode ?? EXIT_FAILURE;
  }
}

/** A command called wrongly: exit code 2. */
export const usageError = (message: string) => new UserError(message, { exitCode: EXIT_USAGE });
