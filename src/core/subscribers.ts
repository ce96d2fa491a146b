/**
 * Subscriber addresses as the privacy team hands them over: validated, de-duplicated, and never
 * printed in full (`a***@customer.example`) — a register's logs are read by more people than its
 * subscriber list should be.
 */
import { z } from 'zod';

const email = z.email();

export const isEmail = (value: string) => email.safeParse(value).success;

/** `ana.lopez@customer.example` → `a***@customer.example`. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${address[0]}***${address.slice(at)}`;
}

export interface ParsedAddresses {
  /** Valid addresses, lower-cased, each once, in the order first seen. */
  emails: string[];
  /** Lines that were not a valid address (masked), with their line number. */
  invalid: { line: number; value: string }[];
  duplicates: number;
}

/**
 * Addresses from a CSV file: the column headed `email` (any case) if there is a header, else the
 * first column. Quoted fields and CRLF line ends are accepted; blank lines are skipped.
 */
export function parseAddressCsv(text: string): ParsedAddresses {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line, index) => ({ line: index + 1, cells: splitCsvLine(line) }));
  const header = rows[0]?.cells.map((cell) => cell.trim().toLowerCase()) ?? [];
  const emailColumn = header.indexOf('email');
  const hasHeader = emailColumn !== -1 || (header.length > 0 && !header.some((cell) => cell.includes('@')));
  const column = Math.max(emailColumn, 0);
  return parseAddresses(
    rows.slice(hasHeader ? 1 : 0).map(({ line, cells }) => ({ line, value: (cells[column] ?? '').trim() })),
  );
}

export function parseAddresses(values: readonly { line: number; value: string }[]): ParsedAddresses {
  const seen = new Set<string>();
  const result: ParsedAddresses = { emails: [], invalid: [], duplicates: 0 };
  for (const { line, value } of values) {
    if (value === '') continue;
    const address = value.toLowerCase();
    if (!isEmail(address)) result.invalid.push({ line, value: maskEmail(value) });
    else if (seen.has(address)) result.duplicates++;
    else {
      seen.add(address);
      result.emails.push(address);
    }
  }
  return result;
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line[index]!;
    if (quoted) {
      if (char === '"' && line[index + 1] === '"') {
        cell += '"';
        index++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',' || char === ';') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells;
}
