/**
 * Transactional emails (a confirmation link, an objection and its receipt): through Resend with an
 * idempotency key, so a retried request never sends twice; or, without RESEND_API_KEY, into the
 * outbox folder as `.eml` files next to the notices, so a newcomer can open them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Email } from '../core/render/subscriber-emails.ts';
import { buildEml } from './eml.ts';
import { resendCaller, resendClient } from './resend-call.ts';

/** A visitor waits for the answer: a Resend call that takes longer than this fails (and is retried once). */
export const FORM_CALL_TIMEOUT_MS = 10_000;

export interface OutgoingEmail extends Email {
  to: string;
  replyTo?: string;
}

export interface MailDelivery {
  /** Sends once per key: the same key again (a double submit, a retry) sends nothing new. */
  send(email: OutgoingEmail, idempotencyKey: string): Promise<void>;
}

export function resendMail(settings: { apiKey: string; from: string; baseUrl?: string }): MailDelivery {
  const resend = resendClient(settings.apiKey, {
    timeoutMs: FORM_CALL_TIMEOUT_MS,
    ...(settings.baseUrl ? { baseUrl: settings.baseUrl } : {}),
  });
  // A visitor is waiting for the answer: one retry, after a short pause, and no more.
  const call = resendCaller({
    attempts: 2,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 500))),
  });
  return {
    async send(email, idempotencyKey) {
      await call('send an email', () =>
        resend.emails.send(
          {
            from: settings.from,
            to: [email.to],
            subject: email.subject,
            text: email.text,
            html: email.html,
            ...(email.replyTo ? { replyTo: email.replyTo } : {}),
          },
          { idempotencyKey },
        ),
      );
    },
  };
}

/** `confirm/abc…` → `confirm_abc…`: a key as a file name. */
const fileName = (key: string) => key.replace(/[^a-zA-Z0-9.-]+/g, '_');

export function outboxMail(dir: string, from: string, now: () => Date = () => new Date()): MailDelivery {
  return {
    async send(email, idempotencyKey) {
      await mkdir(dir, { recursive: true });
      const name = fileName(idempotencyKey);
      const eml = await buildEml({
        from,
        to: email.to,
        ...(email.replyTo ? { replyTo: email.replyTo } : {}),
        subject: email.subject,
        text: email.text,
        html: email.html,
        date: now(),
        messageId: `${name}@subprocessor-register`,
      });
      // Same key, same file: a repeated request overwrites its own email instead of adding one.
      await writeFile(join(dir, `${name}.eml`), eml);
    },
  };
}
