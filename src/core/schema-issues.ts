/**
 * Turns zod's issues into findings a privacy lawyer can act on: which field, what is wrong, what to
 * write instead ("did you mean …", the allowed values, the correct country code).
 */
import type { z } from 'zod';
import { explainImpossibleDate } from './dates.ts';
import { type FieldPath, fieldName } from './frontmatter.ts';
import { ECHO_LIMIT, quote } from './echo.ts';
import { correctCountryCode, mechanisms } from './law/law.ts';
import { countryName } from './words.ts';
import type { RuleFinding } from './rules.ts';
import { closest } from './suggest.ts';

type Issue = z.core.$ZodIssue;

export interface IssueContext {
  /** The parsed YAML the schema rejected: issues point into it. */
  data: unknown;
  /** The schema the data was checked against, to list the fields it knows. */
  schema: z.ZodType;
  /** Which `register.yaml` vocabulary a field's keys come from (`category` → `categories`). */
  vocabularyOf?: (path: FieldPath) => string | undefined;
}

export function issuesToFindings(issues: readonly Issue[], context: IssueContext): RuleFinding[] {
  const findings = issues.flatMap((issue) => describeIssue(issue, context));
  // A misspelt field (`purpse`) is also a missing one (`purpose`): report the typo alone.
  const renamed = new Set(
    findings.flatMap((finding) =>
      finding.guess === undefined ? [] : [fieldName([...finding.path.slice(0, -1), finding.guess])],
    ),
  );
  return findings
    .filter((finding) => !(finding.rule === 'field-missing' && renamed.has(fieldName(finding.path))))
    .map(({ guess: _guess, ...finding }) => finding);
}

type IssueFinding = RuleFinding & { guess?: string };

const error = (rule: string, path: FieldPath, message: string, hint: string): RuleFinding => ({
  severity: 'error',
  rule,
  path,
  message,
  hint,
});

function describeIssue(issue: Issue, context: IssueContext): IssueFinding[] {
  const path = issue.path as (string | number)[];
  const value = valueAt(context.data, path);
  const field = fieldName(path);
  const last = path.at(-1);

  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeys(context.schema, path);
      return issue.keys.map((key) => {
        const guess = closest(key, known);
        return {
          ...error(
            'field-unknown',
            [...path, key],
            `${quote(key)} is not a field of ${path.length === 0 ? 'this file' : field}, so its value would be ignored.`,
            guess !== undefined
              ? `Did you mean "${guess}"? Rename it.`
              : `Remove it, or use one of: ${known.join(', ')}.`,
          ),
          guess,
        };
      });
    }
    case 'invalid_type': {
      if (value === undefined) {
        const description = schemaAt(context.schema, path)?.description;
        return [
          error(
            'field-missing',
            path,
            `The required field "${field}" is missing.`,
            `Add "${last}: …"${description ? ` — ${lowerFirst(description)}` : '.'}`,
          ),
        ];
      }
      if (issue.expected === 'array') {
        return [
          error(
            'field-type',
            path,
            `"${field}" must be a list, but it is ${describe(value)}.`,
            `Write it as a list: ${String(last)}: [${typeof value === 'string' && value.length <= ECHO_LIMIT ? value : '…'}]`,
          ),
        ];
      }
      return [
        error(
          'field-type',
          path,
          `"${field}" must be ${article(issue.expected)}, but it is ${describe(value)}.`,
          hintForType(issue.expected),
        ),
      ];
    }
    case 'invalid_value':
      return [describeInvalidValue(issue.values.map(String), value, path, context)];
    case 'invalid_format': {
      if (issue.format === 'date') {
        const why = typeof value === 'string' ? explainImpossibleDate(value) : undefined;
        return [
          error(
            'date-invalid',
            path,
            why !== undefined
              ? `${quote(value)} is not a real date: ${why}.`
              : `${quote(value)} is not a date written YYYY-MM-DD.`,
            'Write the date as YYYY-MM-DD, e.g. 2026-01-31.',
          ),
        ];
      }
      if (issue.format === 'email')
        return [
          error(
            'email-invalid',
            path,
            `${quote(value)} is not an email address.`,
            'Write an address such as privacy@example.com.',
          ),
        ];
      if (issue.format === 'url')
        return [
          error(
            'url-invalid',
            path,
            `${quote(value)} is not an https:// URL.`,
            'Write the full address, starting with https://.',
          ),
        ];
      if (issue.format === 'regex') {
        return [
          error(
            'key-invalid',
            path,
            `${quote(value)} is not a valid key: ${issue.message}.`,
            'Write keys in lower case with hyphens, e.g. customer-support.',
          ),
        ];
      }
      return [error('field-format', path, `"${field}": ${issue.message}.`, 'Correct the value.')];
    }
    case 'too_small': {
      if (issue.origin === 'array')
        return [
          error(
            'list-empty',
            path,
            `"${field}" needs at least ${issue.minimum} item.`,
            `Add an item under ${String(last)}.`,
          ),
        ];
      if (issue.origin === 'string')
        return [
          error(
            'text-empty',
            path,
            `"${field}" is empty.`,
            `Write the ${String(last)} or remove the line if the field is optional.`,
          ),
        ];
      return [
        error(
          'number-too-small',
          path,
          `"${field}" must be at least ${String(issue.minimum)}.`,
          `Write a number of ${String(issue.minimum)} or more.`,
        ),
      ];
    }
    case 'invalid_key':
      return [
        error(
          'key-invalid',
          path,
          `${quote(last)} is not a valid key: ${issue.issues[0]?.message ?? issue.message}.`,
          'Write keys in lower case with hyphens, e.g. customer-support.',
        ),
      ];
    case 'invalid_union':
      return [
        error(
          'field-format',
          path,
          `${quote(value)} is not valid for ${field}: ${issue.message}.`,
          `Write ${issue.message.replace(/^expected /, '')}.`,
        ),
      ];
    default:
      return [error('field-invalid', path, `"${field}" is not valid: ${issue.message}.`, 'Correct the value.')];
  }
}

function describeInvalidValue(allowed: string[], value: unknown, path: FieldPath, context: IssueContext): RuleFinding {
  const field = fieldName(path);
  const last = path.at(-1);
  // Suggestions compare text; a list or a map (or an alias-expanded monster) is never a typo of a value.
  const text = typeof value === 'string' ? value : '';
  const shown = quote(value);

  if (last === 'country') {
    const correction = typeof value === 'string' ? correctCountryCode(value) : undefined;
    return error(
      'country-invalid',
      path,
      correction === null ? `${shown} names no single country.` : `${shown} is not an ISO 3166-1 country code.`,
      correction === null
        ? 'List each country where data goes, e.g. DE or FR, as its own item.'
        : correction !== undefined
          ? `Write ${correction} (${countryName(correction)}).`
          : 'Write the two-letter ISO 3166-1 code of the country, e.g. DE for Germany or US for the United States.',
    );
  }
  if (last === 'mechanism' || last === 'fallback') {
    const guess = closest(text, mechanisms.keys());
    return error(
      'mechanism-unknown',
      path,
      `${shown} is not a transfer mechanism this register knows.`,
      guess !== undefined
        ? `Did you mean "${guess}"?`
        : `Write one of: ${allowed.filter((id) => mechanisms.get(id)?.validUntil === undefined).join(', ')}.`,
    );
  }
  const vocabulary = context.vocabularyOf?.(path);
  if (vocabulary !== undefined) {
    const guess = closest(text, allowed);
    return error(
      'vocabulary-unknown',
      path,
      `${shown} is not one of the ${vocabulary} defined in content/register.yaml.`,
      `${guess !== undefined ? `Did you mean "${guess}"? ` : ''}Write one of: ${allowed.join(', ')}; or add "${typeof value === 'string' && value.length <= ECHO_LIMIT ? value : '<key>'}: <label>" under ${vocabulary} in content/register.yaml.`,
    );
  }
  const guess = closest(text, allowed);
  return error(
    'value-unknown',
    path,
    `${shown} is not allowed for ${field}.`,
    `${guess !== undefined ? `Did you mean "${guess}"? ` : ''}Write one of: ${allowed.join(', ')}.`,
  );
}

function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

/** The sub-schema at a data path, looking through optional, default and list wrappers. */
function schemaAt(schema: z.ZodType, path: FieldPath): z.ZodType | undefined {
  let current: z.ZodType | undefined = schema;
  for (const segment of path) {
    current = unwrap(current);
    const def = current?._zod.def as
      | { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType }
      | undefined;
    if (def?.type === 'object' && typeof segment === 'string') current = def.shape?.[segment];
    else if (def?.type === 'array') current = def.element;
    else return undefined;
  }
  return current;
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let current = schema;
  for (;;) {
    const def = current?._zod.def as { type: string; innerType?: z.ZodType } | undefined;
    if (def?.innerType === undefined) return current;
    current = def.innerType;
  }
}

function knownKeys(schema: z.ZodType, path: FieldPath): string[] {
  const def = unwrap(schemaAt(schema, path))?._zod.def as { shape?: Record<string, unknown> } | undefined;
  return Object.keys(def?.shape ?? {});
}

function describe(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return `the text ${quote(value)}`;
  return `${typeof value === 'number' ? 'the number' : 'the value'} ${quote(value).slice(1, -1)}`;
}

const article = (type: string) =>
  ({ string: 'text', number: 'a number', object: 'a group of fields', boolean: 'true or false' })[type] ?? type;

function hintForType(expected: string): string {
  if (expected === 'string') return 'Write the value as text; put it in quotes if it looks like a number or date.';
  if (expected === 'number') return 'Write a whole number without quotes.';
  if (expected === 'object') return 'Write the fields indented under this one, one `field: value` per line.';
  return 'Correct the value.';
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
