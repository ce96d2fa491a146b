/**
 * The texts of the exported files, made once per build so that every page that names them — the
 * files themselves and `register.sha256` — sees the same bytes. Each names the register version it
 * is (`publishedVersion`): register.json in `version`, register.jsonld in its dataset node; the CSV
 * cannot carry it and is listed, with the others, in register.sha256.
 */
import packageJson from '../../package.json' with { type: 'json' };
import { sha256 } from '../io/history.ts';
import { registerCsv, registerJson } from './exports.ts';
import { registerJsonLd } from './linked-data.ts';
import { registerData } from './register-data.ts';
import { publishedVersion } from './version-data.ts';

export interface ExportFiles {
  'register.json': string;
  'register.csv': string;
  'register.jsonld': string;
}

let made: Promise<ExportFiles> | undefined;

export function exportFiles(): Promise<ExportFiles> {
  made ??= (async () => {
    const [{ publisher, all, today, siteUrl }, version] = await Promise.all([registerData(), publishedVersion()]);
    const json = registerJson(all, publisher, {
      generatedAt: new Date().toISOString(),
      schemaVersion: packageJson.version,
      ...(version !== undefined ? { version } : {}),
    });
    return {
      'register.json': `${JSON.stringify(json, null, 2)}\n`,
      'register.csv': registerCsv(all, today),
      'register.jsonld': `${JSON.stringify(registerJsonLd(all, publisher, { siteUrl, today, ...(version !== undefined ? { version } : {}) }), null, 2)}\n`,
    };
  })();
  return made;
}

/** `sha256sum` format: one `<hash>  <file>` line per export, checked with `sha256sum -c register.sha256`. */
export async function sha256List(): Promise<string> {
  const files = await exportFiles();
  return Object.entries(files)
    .map(([name, text]) => `${sha256(text)}  ${name}\n`)
    .join('');
}
