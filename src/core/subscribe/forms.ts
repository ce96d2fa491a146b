/**
 * What the public forms accept: the subscribe form (address, services, the honeypot) and the
 * objection form (company, contact address, reasons). Pure checks with the messages shown next to
 * the fields; nothing here knows about HTTP.
 */
import { isEmail } from '../subscribers.ts';

/**
 * The consent sentence shown above the subscribe button, and its version, recorded with each
 * contact. Change the version whenever the sentence changes, so each contact's consent names the
 * words they agreed to.
 */
export const CONSENT_VERSION = '2026-12-03';
export const consentSentence = (publisher: { legalName: string }) =>
  `I agree that ${publisher.legalName} emails me a notice before it adds or replaces a sub-processor of the services I chose, and a link to confirm this request. Every notice has a link to change my services or unsubscribe.`;

/** The honeypot's name: a field people never see (hidden by CSS and from assistive technology). */
export const HONEYPOT = 'website';

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

export interface SubscribeForm {
  email: string;
  services: string[];
  /** The honeypot was filled in: a robot. Answered like a success, and nothing is sent. */
  robot: boolean;
}

const MAX_EMAIL = 254;

export function parseSubscribeForm(form: FormData, serviceKeys: readonly string[]): FormResult<SubscribeForm> {
  const email = String(form.get('email') ?? '')
    .trim()
    .toLowerCase();
  const robot = String(form.get(HONEYPOT) ?? '') !== '';
  const chosen = form.getAll('services').map(String);
  const errors: Record<string, string> = {};
  if (email === '') errors.email = 'Enter your email address.';
  else if (email.length > MAX_EMAIL || !isEmail(email))
    errors.email = 'Enter an email address such as name@company.example.';
  const unknown = chosen.filter((key) => !serviceKeys.includes(key));
  if (unknown.length > 0) errors.services = 'Choose services from the list.';
  else if (serviceKeys.length > 0 && chosen.length === 0) errors.services = 'Choose at least one service.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Keep the register's order, each key once.
  const services = serviceKeys.filter((key) => chosen.includes(key));
  return { ok: true, value: { email, services, robot } };
}

export interface ObjectionForm {
  company: string;
  email: string;
  reasons: string;
  robot: boolean;
}

const LIMITS = { company: 200, reasons: 5000 };

export function parseObjectionForm(form: FormData): FormResult<ObjectionForm> {
  const company = String(form.get('company') ?? '').trim();
  const email = String(form.get('email') ?? '')
    .trim()
    .toLowerCase();
  const reasons = String(form.get('reasons') ?? '').trim();
  const robot = String(form.get(HONEYPOT) ?? '') !== '';
  const errors: Record<string, string> = {};
  if (company === '') errors.company = 'Enter the name of your company.';
  else if (company.length > LIMITS.company)
    errors.company = `Shorten the company name to ${LIMITS.company} characters.`;
  if (email === '') errors.email = 'Enter the address we should answer.';
  else if (email.length > MAX_EMAIL || !isEmail(email))
    errors.email = 'Enter an email address such as name@company.example.';
  if (reasons === '') errors.reasons = 'Say why you object: the privacy team answers these reasons.';
  else if (reasons.length > LIMITS.reasons) errors.reasons = `Shorten the reasons to ${LIMITS.reasons} characters.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { company, email, reasons, robot } };
}
