/**
 * A finding is one thing wrong (error) or worth a look (warning) in the register, with where it is
 * and what to write instead. `rule` is a permanent name: tools may match on it, so never rename one.
 */
export type Severity = 'error' | 'warning';

export interface Finding {
  severity: Severity;
  rule: string;
  /** Path of the file, relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  /** Dotted path of the field (`transfers[1].mechanism`), or `''` for the file as a whole. */
  field: string;
  /** What is wrong and why. */
  message: string;
  /** What to write instead. */
  hint: string;
}

export const countErrors = (findings: readonly Finding[]) => findings.filter((f) => f.severity === 'error').length;

/** Files first, then lines, then errors before warnings: the order a reader fixes them in. */
export const sortFindings = (findings: readonly Finding[]): Finding[] =>
  [...findings].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      compareText(a.field, b.field),
  );

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** `path:line: error|warning: field: message hint` — one finding a line, as compilers print them. */
export const formatText = (finding: Finding): string =>
  `${finding.file}:${finding.line}: ${finding.severity}: ${finding.field ? `${finding.field}: ` : ''}${oneLine(finding.message)} ${oneLine(finding.hint)}`;

/** A GitHub Actions workflow command, shown as an annotation on the line in the pull request. */
export const formatGithub = (finding: Finding): string =>
  `::${finding.severity} file=${escapeProperty(finding.file)},line=${finding.line},title=${escapeProperty(
    finding.field || finding.rule,
  )}::${escapeData(`${finding.message} ${finding.hint}`)}`;

export function formatSummary(findings: readonly Finding[], files: number): string {
  const errors = countErrors(findings);
  const warnings = findings.length - errors;
  return `${files} ${files === 1 ? 'file' : 'files'} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
// CR alone and U+2028/U+2029 end a line too (in Markdown, terminals and logs), not only LF.
const oneLine = (text: string) => text.replace(/\s*[\r\n\u2028\u2029]\s*/g, ' ');

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
