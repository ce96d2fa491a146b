/**
 * Delivery to the job summary of a CI run that has no RESEND_API_KEY: the notice is shown on the
 * run's page for the maintainers, and it reaches no subscriber, so it is never recorded — the first
 * run with a key sends it. (An outbox on a runner would be thrown away with the runner.)
 */
import { appendFile } from 'node:fs/promises';
import type { NoticeDelivery } from '../core/notices/delivery.ts';
import { inertInActionsLog } from '../core/render/escape.ts';
import type { RenderedNotice } from '../core/render/notice.ts';

/** `summaryPath` is $GITHUB_STEP_SUMMARY, when the CI provides one. */
export function jobSummaryDelivery(summaryPath: string | undefined, now: () => Date): NoticeDelivery {
  return {
    provider: 'none',
    destination: summaryPath ? 'the job summary' : 'the log of this run',
    unsubscribeUrl: 'https://example.invalid/unsubscribe',
    tellsSubscribers: false,
    findDelivered: async () => undefined,
    async settle() {
      throw new Error('The job summary holds no notice to settle.');
    },
    async deliver(key, notice: RenderedNotice) {
      // A fence longer than any run of backticks in the text, which cannot close it early.
      const body = notice.text.replace(/\r/g, '');
      const fence = '`'.repeat(Math.max(3, ...(body.match(/`+/g) ?? []).map((run) => run.length + 1)));
      const markdown = [
        `## Notice not sent: ${notice.subject}`,
        '',
        'This run has no `RESEND_API_KEY`, so no subscriber received this notice and it was **not recorded**.',
        'It will be sent by the first run once the secret is set in the `notifications` environment.',
        '',
        `${fence}text`,
        body,
        fence,
        '',
      ].join('\n');
      if (summaryPath) await appendFile(summaryPath, markdown);
      else console.log(inertInActionsLog(markdown));
      return { provider: 'none', providerIds: [key], recipients: 0, sentAt: now().toISOString() };
    },
  };
}
