/** The publisher's settings at a version of the register, for rendering (labels, links, sender). */
import { readRegister } from '../core/register.ts';
import type { Register } from '../core/schema.ts';
import { REGISTER_PATH } from '../core/validate.ts';
import { EXIT_USAGE, UserError } from '../core/errors.ts';

export function readPublisher(files: ReadonlyMap<string, string>): Register {
  const register = readRegister(files.get(REGISTER_PATH) ?? '');
  if (register === undefined)
    throw new UserError(
      `${REGISTER_PATH} has errors, so changes cannot be described. Run npm run check and fix them first.`,
      { exitCode: EXIT_USAGE },
    );
  return register;
}
