/**
 * Stand-in providers on loopback for the notification tests: a real SMTP server (smtp-server) and a
 * Twilio-compatible HTTP API. Both dedupe on the idempotency key (email: Message-ID; SMS:
 * X-Idempotency-Key) the way the worker's exactly-once argument requires, and count every request
 * per key so tests can show what reached a person and how often.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export type SmsDelivery = { sid: string; key: string; to: string; from: string; body: string; at: number };

export type SmsProvider = {
  url: string;
  accountSid: string;
  authToken: string;
  from: string;
  deliveries: SmsDelivery[];
  /** Requests per idempotency key (a resend of the same key counts here, not in deliveries). */
  requestsByKey: Map<string, number>;
  duplicateRequests: () => number;
  /** Answer the next requests to this number with an error first. */
  failNext: (to: string, times: number, status?: number) => void;
  close: () => Promise<void>;
};

/** Numbers in (913) 555-xxxx are "not a valid phone number" (Twilio error 21211, permanent). */
export async function startSmsProvider(opts: { accountSid?: string; authToken?: string; from?: string; delayMs?: number } = {}): Promise<SmsProvider> {
  const accountSid = opts.accountSid ?? 'ACtest0000000000000000000000000000';
  const authToken = opts.authToken ?? 'test-auth-token';
  const from = opts.from ?? '+18165550199';
  const deliveries: SmsDelivery[] = [];
  const byKey = new Map<string, SmsDelivery>();
  const requestsByKey = new Map<string, number>();
  const failures = new Map<string, { times: number; status: number }>();
  let seq = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs));
      const expectedAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (req.method !== 'POST' || req.url !== `/2010-04-01/Accounts/${accountSid}/Messages.json`) return reply(404, { code: 20404, message: 'Not found' });
      if (req.headers.authorization !== expectedAuth) return reply(401, { code: 20003, message: 'Authenticate' });
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const to = form.get('To') ?? '';
      const key = String(req.headers['x-idempotency-key'] ?? '');
      requestsByKey.set(key, (requestsByKey.get(key) ?? 0) + 1);
      const f = failures.get(to);
      if (f && f.times > 0) {
        f.times--;
        return reply(f.status, { code: 30001, message: 'Queue overflow', status: f.status });
      }
      if (to.startsWith('+1913555')) return reply(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.`, status: 400 });
      const seen = key ? byKey.get(key) : undefined;
      if (seen) return reply(200, { sid: seen.sid, status: 'queued' });
      const d: SmsDelivery = { sid: `SM${String(++seq).padStart(32, '0')}`, key, to, from: form.get('From') ?? '', body: form.get('Body') ?? '', at: Date.now() };
      deliveries.push(d);
      if (key) byKey.set(key, d);
      reply(201, { sid: d.sid, status: 'queued', to, from: d.from, body: d.body });
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    from,
    deliveries,
    requestsByKey,
    duplicateRequests: () => [...requestsByKey.values()].reduce((s, n) => s + Math.max(0, n - 1), 0),
    failNext: (to, times, status = 503) => failures.set(to, { times, status }),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type MailDelivery = { messageId: string; envelopeTo: string[]; raw: Buffer; parsed: ParsedMail };

export type SmtpStandIn = {
  url: string;
  deliveries: MailDelivery[];
  requestsByMessageId: Map<string, number>;
  duplicateRequests: () => number;
  close: () => Promise<void>;
};

/** Recipients containing "bounce" are refused with 550 (permanent). */
export async function startSmtpServer(): Promise<SmtpStandIn> {
  const deliveries: MailDelivery[] = [];
  const seen = new Set<string>();
  const requestsByMessageId = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // Pooled client connections stay open; do not wait for them when the test ends.
    closeTimeout: 50,
    onRcptTo(address, _session, cb) {
      if (address.address.includes('bounce')) {
        const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
        err.responseCode = 550;
        return cb(err);
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', async () => {
        const raw = Buffer.concat(chunks);
        const parsed = await simpleParser(raw);
        const messageId = parsed.messageId ?? '';
        requestsByMessageId.set(messageId, (requestsByMessageId.get(messageId) ?? 0) + 1);
        if (!seen.has(messageId)) {
          seen.add(messageId);
          deliveries.push({ messageId, envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, parsed });
        }
        cb();
      });
    },
  });
  // A worker killed mid-conversation resets its connection; that is the point of the chaos test.
  server.on('error', () => {});
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    deliveries,
    requestsByMessageId,
    duplicateRequests: () => [...requestsByMessageId.values()].reduce((s, n) => s + Math.max(0, n - 1), 0),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
