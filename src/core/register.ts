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

/** Where a deployment says it publishes: SITE (origin) and BASE (path), as the publish workflow passes them. */
export interface PublishedAt {
  site?: string | undefined;
  base?: string | undefined;
}

/**
 * The register's public root URL with a trailing slash: `site` from register.yaml, unless the
 * deployment says where it publishes (GitHub Pages: what actions/configure-pages reports). The site
 * build and the commands that write links (notify, changes) all ask this, so a link in an email is
 * the link in the feed.
 */
export function siteUrlOf(register: Pick<Register, 'site'>, deployment: PublishedAt = {}): string {
  const configured = new URL(register.site);
  const origin = deployment.site || configured.origin;
  const base = deployment.base || configured.pathname;
  return new URL(base.endsWith('/') ? base : `${base}/`, origin).href;
}
