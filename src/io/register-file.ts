/** The publisher's settings at a version of the register, for rendering (labels, links, sender). */
import { readRegister } from '../core/changes/snapshot.ts';
import type { Register } from '../core/schema.ts';
import { REGISTER_PATH } from '../core/validate.ts';
import { UsageError } from './cli.ts';

export function readPublisher(files: ReadonlyMap<string, string>): Register {
  const register = readRegister(files.get(REGISTER_PATH) ?? '');
  if (register === undefined)
    throw new UsageError(
      `${REGISTER_PATH} has errors, so changes cannot be described. Run npm run check and fix them first.`,
    );
  return register;
}

/** The register's public root URL with a trailing slash: `site` from register.yaml. */
export const siteUrlOf = (register: Pick<Register, 'site'>): string =>
  register.site.endsWith('/') ? register.site : `${register.site}/`;
