/**
 * The change log every page needs, computed once per build from the git history: the change log
 * page, the RSS feed and each entry's history read the same one.
 */
import { buildChangeLog, changesByEntry, type ChangeLog, type LoggedChange } from './change-log.ts';
import { loadSiteHistory } from './site-history.ts';
import { registerData } from './register-data.ts';

export interface ChangeLogData {
  log: ChangeLog;
  /** Each entry's own changes, newest first. */
  byEntry: Map<string, LoggedChange[]>;
  /** Why the history is empty or partial, if it is. */
  note?: string;
}

let loaded: Promise<ChangeLogData> | undefined;

export function changeLogData(): Promise<ChangeLogData> {
  loaded ??= (async () => {
    const { publisher, today, siteUrl, all } = await registerData();
    const history = await loadSiteHistory(process.cwd());
    const log = buildChangeLog(history.revisions, today, new Set(all.map((entry) => entry.id)), {
      labels: publisher,
      siteUrl,
    });
    return {
      log,
      byEntry: changesByEntry(log),
      ...(history.note !== undefined ? { note: history.note } : {}),
    };
  })();
  return loaded;
}
