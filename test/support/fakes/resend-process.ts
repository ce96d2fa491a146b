/**
 * The Resend fake (`./resend.ts`) in a node process of its own, for measurements: the real Resend
 * runs elsewhere, so its fake must not take turns on the event loop of the client that measures
 * (or of the server measured). Started by `startFakeResendProcess`; this same file is the child's
 * entry. The child answers questions about its state over the IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { startFakeResend } from './resend.ts';

export interface FakeResendProcess {
  url: string;
  segmentId: string;
  /** Transactional emails the fake accepted, each once per idempotency key. */
  emailCount(): Promise<number>;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

type Ready = { url: string; segmentId: string };

export async function startFakeResendProcess(): Promise<FakeResendProcess> {
  const child: ChildProcess = fork(import.meta.filename, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<Ready>((resolve, reject) => {
    child.once('message', (message) => resolve(message as Ready));
    child.once('exit', (code) => reject(new Error(`the Resend fake's process exited (${code}) before listening`)));
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return {
    ...ready,
    emailCount: () =>
      new Promise((resolve) => {
        child.once('message', (message) => resolve((message as { emails: number }).emails));
        child.send('emails');
      }),
    close,
    [Symbol.asyncDispose]: close,
  };
}

if (import.meta.main) {
  const fake = await startFakeResend();
  process.on('message', () => process.send?.({ emails: fake.emails.length }));
  process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
  process.send?.({ url: fake.url, segmentId: fake.segmentId } satisfies Ready);
}
