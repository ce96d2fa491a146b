/** The publisher's settings at a version of the register, for rendering (labels, links, sender). */
import { parseYaml } from '../../src/frontmatter.ts';
import { RegisterSchema, type Register } from '../../src/schema.ts';
import { REGISTER_PATH } from '../../src/validate.ts';
import { UsageError } from './cli.ts';

export function readPublisher(files: ReadonlyMap<string, string>): Register {
  const parsed = parseYaml(files.get(REGISTER_PATH) ?? '');
  const result = parsed.ok ? RegisterSchema.safeParse(parsed.data) : undefined;
  if (!result?.success) throw new UsageError(`${REGISTER_PATH} has errors, so changes cannot be described. Run npm run check and fix them first.`);
  return result.data;
}

/** The register's public root URL with a trailing slash: `site` from register.yaml. */
export const siteUrlOf = (register: Pick<Register, 'site'>): string => (register.site.endsWith('/') ? register.site : `${register.site}/`);
