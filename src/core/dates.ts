/** Calendar dates as `YYYY-MM-DD` strings, computed in UTC so no time zone moves a day. */
const DAY = 86_400_000;

const toTime = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromTime = (time: number) => new Date(time).toISOString().slice(0, 10);

export const addDays = (date: string, days: number): string => fromTime(toTime(date) + days * DAY);
export const addMonths = (date: string, months: number): string => {
  const d = new Date(toTime(date));
  d.setUTCMonth(d.getUTCMonth() + months);
  return fromTime(d.getTime());
};
/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((toTime(to) - toTime(from)) / DAY);
export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

/** Days in the month of a `YYYY-MM-…` text, or `undefined` when the month itself is impossible. */
export function daysInMonth(year: number, month: number): number | undefined {
  if (month < 1 || month > 12) return undefined;
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `2025-02-30` → "February 2025 has 28 days"; `2025-13-01` → "there is no month 13". */
export function explainImpossibleDate(text: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const days = daysInMonth(year, month);
  if (days === undefined) return `there is no month ${month}`;
  if (day < 1 || day > days) return `${MONTHS[month - 1]} ${year} has ${days} days`;
  return undefined;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `2023-10-02` → `2 October 2023`, or `2 Oct 2023` when `short`. Never shifted by a time zone. */
export function formatDate(date: string, short = false): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const name = MONTHS[month - 1] ?? String(month);
  return `${day} ${short ? name.slice(0, 3) : name} ${year}`;
}
