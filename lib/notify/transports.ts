/**
 * One interface for every channel: email over SMTP (nodemailer, SMTP_URL), SMS over a
 * Twilio-compatible HTTP API (SMS_PROVIDER_URL + SMS_ACCOUNT_SID / SMS_AUTH_TOKEN / SMS_FROM), and
 * the demo transport, which sends nothing: the worker stores the rendered message and the admin
 * Outbox page shows it exactly as it would have gone out.
 *
 * Idempotency: every send carries the outbox row's idempotency key (SMS: `X-Idempotency-Key`
 * header; email: a Message-ID derived from it plus `X-Idempotency-Key`). A provider that dedupes
 * on it (the test stand-ins do) turns the worker's at-least-once retries into exactly-once
 * delivery; see lib/notify/README.md.
 */
import { createHash } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { NoticeChannel } from '@/db/schema/notifications';

export type OutgoingMessage = {
  channel: NoticeChannel;
  /** E.164 phone, email address, or the portal account id. */
  to: string;
  subject: string | null;
  text: string;
  attachments: { filename: string; contentType: string; content: string }[];
  idempotencyKey: string;
  /** Shown as the sender's name (the program). */
  fromName: string;
};

export type SendResult = { providerMessageId: string; response: string };

export interface Transport {
  /** Recorded on the outbox row: demo | smtp | sms-http | portal. */
  readonly name: string;
  send(message: OutgoingMessage): Promise<SendResult>;
  close?(): Promise<void>;
}

export type Transports = Record<NoticeChannel, Transport>;

/** The provider refused the message for good (bad number, rejected address): do not retry. */
export class PermanentSendError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

export const keyHash = (key: string) => createHash('sha256').update(key).digest('hex');

/** Stable Message-ID for an idempotency key: a resend is recognisably the same message. */
export const messageIdFor = (key: string) => `<${keyHash(key).slice(0, 40)}@notify.common-ground>`;

/** Stores nothing itself: the worker keeps the rendered text on the outbox row. */
export class DemoTransport implements Transport {
  readonly name = 'demo';
  async send(m: OutgoingMessage): Promise<SendResult> {
    return { providerMessageId: `demo-${keyHash(m.idempotencyKey).slice(0, 16)}`, response: 'Stored for the Outbox page (demo mode: not sent)' };
  }
}

/** In-app notices: the rendered text on the outbox row is what the portal shows. */
export class PortalTransport implements Transport {
  readonly name = 'portal';
  async send(m: OutgoingMessage): Promise<SendResult> {
    return { providerMessageId: `portal-${keyHash(m.idempotencyKey).slice(0, 16)}`, response: 'Shown in the portal' };
  }
}

export class SmtpTransport implements Transport {
  readonly name = 'smtp';
  private readonly mailer: nodemailer.Transporter;
  constructor(
    url: string,
    private readonly fromAddress: string,
  ) {
    const u = new URL(url);
    // One pooled connection set per process instead of a handshake per message.
    if (!u.searchParams.has('pool')) u.searchParams.set('pool', 'true');
    this.mailer = nodemailer.createTransport(u.toString());
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    try {
      const info = await this.mailer.sendMail({
        from: { name: m.fromName, address: this.fromAddress },
        to: m.to,
        subject: m.subject ?? '',
        text: m.text,
        messageId: messageIdFor(m.idempotencyKey),
        headers: { 'X-Idempotency-Key': m.idempotencyKey, 'Auto-Submitted': 'auto-generated' },
        attachments: m.attachments.map((a) => ({ filename: a.filename, content: a.content, contentType: a.contentType })),
      });
      if (info.rejected.length > 0) throw new PermanentSendError(`Rejected by the mail server: ${info.response}`, 'rejected');
      return { providerMessageId: info.messageId, response: info.response };
    } catch (err) {
      if (err instanceof PermanentSendError) throw err;
      const code = (err as { responseCode?: number }).responseCode;
      if (typeof code === 'number' && code >= 500 && code < 600) {
        throw new PermanentSendError(`The mail server refused the message (${code}): ${(err as Error).message}`, `smtp_${code}`);
      }
      throw err;
    }
  }

  async close() {
    this.mailer.close();
  }
}

export type SmsHttpConfig = { baseUrl: string; accountSid: string; authToken: string; from: string; timeoutMs?: number };

/** Twilio's Messages resource: POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded, basic auth. */
export class SmsHttpTransport implements Transport {
  readonly name = 'sms-http';
  constructor(private readonly cfg: SmsHttpConfig) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const url = `${this.cfg.baseUrl.replace(/\/$/, '')}/2010-04-01/Accounts/${encodeURIComponent(this.cfg.accountSid)}/Messages.json`;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${this.cfg.accountSid}:${this.cfg.authToken}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        'x-idempotency-key': m.idempotencyKey,
      },
      body: new URLSearchParams({ To: m.to, From: this.cfg.from, Body: m.text }),
      signal: AbortSignal.timeout(this.cfg.timeoutMs ?? 15_000),
    });
    const raw = await res.text();
    let body: { sid?: string; status?: string; code?: number; message?: string } = {};
    try {
      body = JSON.parse(raw) as typeof body;
    } catch {
      /* not JSON: keep the raw text in the error */
    }
    if (res.ok && body.sid) return { providerMessageId: body.sid, response: `${res.status} ${body.status ?? ''}`.trim() };
    const detail = `${res.status}${body.code ? ` code ${body.code}` : ''}: ${body.message ?? raw.slice(0, 200)}`;
    // 4xx other than rate limiting is the provider saying "never" (invalid or unreachable number).
    if (res.status >= 400 && res.status < 500 && res.status !== 429 && res.status !== 408) {
      throw new PermanentSendError(`The SMS provider refused the message (${detail})`, body.code ? `sms_${body.code}` : `http_${res.status}`);
    }
    throw new Error(`The SMS provider did not take the message (${detail})`);
  }
}

/** Real transports where configured, the demo transport for the rest. */
export function transportsFromEnv(env: NodeJS.ProcessEnv = process.env): Transports {
  const demo = new DemoTransport();
  const email = env.SMTP_URL ? new SmtpTransport(env.SMTP_URL, env.SMTP_FROM || 'notices@common-ground.invalid') : demo;
  let sms: Transport = demo;
  if (env.SMS_PROVIDER_URL) {
    const { SMS_ACCOUNT_SID: accountSid, SMS_AUTH_TOKEN: authToken, SMS_FROM: from } = env;
    if (!accountSid || !authToken || !from) throw new Error('SMS_PROVIDER_URL is set: SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM are required too.');
    sms = new SmsHttpTransport({ baseUrl: env.SMS_PROVIDER_URL, accountSid, authToken, from });
  }
  return { email, sms, portal: new PortalTransport() };
}

export function isDemoTransports(t: Pick<Transports, 'email' | 'sms'> | { email: { name: string }; sms: { name: string } }): boolean {
  return t.email.name === 'demo' && t.sms.name === 'demo';
}

/** Which transport each channel would use, without opening anything (for pages). */
export function configuredTransports(env: NodeJS.ProcessEnv = process.env) {
  return { email: { name: env.SMTP_URL ? 'smtp' : 'demo' }, sms: { name: env.SMS_PROVIDER_URL ? 'sms-http' : 'demo' } };
}
