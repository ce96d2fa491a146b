/** "Today" for the register, read once at the edge and passed down to the pure core. */
import { explainImpossibleDate, todayUtc } from '../core/dates.ts';
import { usageError } from '../core/errors.ts';

/**
 * The day the register is judged on: `REGISTER_TODAY` when set (reproducible builds, tests, "how
 * will the register stand on…"), else today in UTC. Every command and the site build read it here.
 */
export function registerToday(env: NodeJS.ProcessEnv = process.env): string {
  const pinned = env.REGISTER_TODAY;
  if (pinned === undefined || pinned === '') return todayUtc();
  if (!isDate(pinned)) throw usageError(`REGISTER_TODAY must be a date written YYYY-MM-DD, not "${pinned}".`);
  return pinned;
}

/** A real calendar day written YYYY-MM-DD: 2026-02-30 is not one. */
export const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && explainImpossibleDate(text) === undefined;
