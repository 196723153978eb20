/**
 * Inbound SMS webhook (Twilio-compatible): STOP / START / HELP replies. The request must carry a
 * valid X-Twilio-Signature: base64 HMAC-SHA1, keyed with the auth token, of the public URL followed
 * by every form parameter sorted by name as name+value. STOP and START are honoured before the
 * response is sent; the answer is TwiML (or JSON when the caller asks for it).
 */
import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '@/db/types';
import { applySmsKeyword, lastSenderFor, type SmsKeyword } from '@/db/queries/sms-opt-outs';
import { normalizePhone } from './phone';

export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const payload = Object.keys(params)
    .sort()
    .reduce((acc, k) => acc + k + params[k], url);
  return createHmac('sha1', authToken).update(payload, 'utf8').digest('base64');
}

export function verifyTwilioSignature(authToken: string, url: string, params: Record<string, string>, signature: string | null): boolean {
  if (!signature) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params));
  const got = Buffer.from(signature);
  return expected.length === got.length && timingSafeEqual(expected, got);
}

// Carrier-standard keywords, plus the Spanish words people actually reply with.
const KEYWORDS: Record<string, SmsKeyword> = {
  STOP: 'stop', STOPALL: 'stop', UNSUBSCRIBE: 'stop', CANCEL: 'stop', END: 'stop', QUIT: 'stop', PARAR: 'stop', PARE: 'stop', ALTO: 'stop', BASTA: 'stop', CANCELAR: 'stop',
  START: 'start', UNSTOP: 'start', YES: 'start', SUBSCRIBE: 'start', INICIAR: 'start', SI: 'start', 'SÍ': 'start',
  HELP: 'help', INFO: 'help', AYUDA: 'help',
};

/** The keyword a reply means, judged by its first word, case- and punctuation-insensitive. */
export function parseKeyword(body: string): { keyword: SmsKeyword; raw: string } | null {
  const first = body.trim().split(/\s+/)[0]?.replace(/[.!¡?¿,;:]+/g, '').toUpperCase() ?? '';
  const keyword = KEYWORDS[first];
  return keyword ? { keyword, raw: first } : null;
}

type Sender = { locale: 'en' | 'es'; programName: string; helpPhone: string } | null;

export function replyText(kind: SmsKeyword | 'other', s: Sender): string {
  const program = s?.programName ?? 'Common Ground';
  const es = s?.locale === 'es';
  const help = s ? (es ? ` Ayuda: ${s.helpPhone}.` : ` Help: ${s.helpPhone}.`) : '';
  switch (kind) {
    case 'stop':
      return es
        ? `${program}: No le enviaremos más mensajes de texto. Responda START para volver a recibirlos.${help}`
        : `${program}: You will get no more text messages from us. Reply START to get them again.${help}`;
    case 'start':
      return es ? `${program}: Volverá a recibir mensajes de texto. Responda STOP para no recibirlos.${help}` : `${program}: Text messages are back on. Reply STOP to opt out.${help}`;
    case 'help':
      return es
        ? `${program}: recordatorios de sus reuniones y tareas del programa.${help} Responda STOP para no recibir más mensajes.`
        : `${program}: reminders about your program meetings and tasks.${help} Reply STOP to opt out.`;
    case 'other':
      return es
        ? `${program}: Nadie lee los mensajes de este número.${help || ' Llame a la oficina del programa.'} Responda STOP para no recibir más mensajes.`
        : `${program}: Messages to this number are not read.${help || ' Call the program office.'} Reply STOP to opt out.`;
  }
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export type InboundOptions = { authToken: string | undefined; publicUrl?: string; now?: Date };

export async function handleInboundSms(db: Db, request: Request, opts: InboundOptions): Promise<Response> {
  if (!opts.authToken) {
    return Response.json({ type: 'about:blank', title: 'SMS is not configured', status: 503, detail: 'Set SMS_AUTH_TOKEN to receive replies.' }, { status: 503, headers: { 'content-type': 'application/problem+json' } });
  }
  const form = await request.formData().catch(() => null);
  const params: Record<string, string> = {};
  for (const [k, v] of form?.entries() ?? []) if (typeof v === 'string') params[k] = v;
  const url = opts.publicUrl ?? request.url;
  if (!verifyTwilioSignature(opts.authToken, url, params, request.headers.get('x-twilio-signature'))) {
    return Response.json({ type: 'about:blank', title: 'Invalid signature', status: 403 }, { status: 403, headers: { 'content-type': 'application/problem+json' } });
  }
  const phone = normalizePhone(params.From);
  if (!phone) {
    return Response.json({ type: 'about:blank', title: 'Missing or invalid From', status: 400, errors: [{ field: 'From', detail: 'A phone number is required' }] }, { status: 400, headers: { 'content-type': 'application/problem+json' } });
  }
  const parsed = parseKeyword(params.Body ?? '');
  let skipped = 0;
  if (parsed) ({ skipped } = await applySmsKeyword(db, { phone, keyword: parsed.keyword, rawKeyword: parsed.raw, now: opts.now }));
  const sender = await lastSenderFor(db, phone);
  const reply = replyText(parsed?.keyword ?? 'other', sender);
  if ((request.headers.get('accept') ?? '').includes('application/json')) {
    return Response.json({ keyword: parsed?.keyword ?? null, pendingSkipped: skipped, reply });
  }
  return new Response(`<?xml version="1.0" encoding="UTF-8"?><Response><Message>${escapeXml(reply)}</Message></Response>`, {
    headers: { 'content-type': 'text/xml; charset=utf-8' },
  });
}
