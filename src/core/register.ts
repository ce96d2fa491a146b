/**
 * The publisher's settings (`content/register.yaml`) for the code that only needs them: the change
 * engine, the commands, the site's Astro config. The check itself reads the file with findings
 * (`validate.ts`); this reader answers "the settings, or undefined when they cannot be read".
 */
import { parseYaml } from './frontmatter.ts';
import { RegisterSchema, type Register } from './schema.ts';

/** register.yaml's settings as the schema reads them, or `undefined` when it cannot be read. */
export function readRegister(text: string): Register | undefined {
  const parsed = parseYaml(text);
  const result = parsed.ok ? RegisterSchema.safeParse(parsed.data) : undefined;
  return result?.success ? result.data : undefined;
}

/** The register's public root URL with a trailing slash: `site` from register.yaml. */
export const siteUrlOf = (register: Pick<Register, 'site'>): string =>
  register.site.endsWith('/') ? register.site : `${register.site}/`;
