/**
 * Turn a template key, its data and the recipient's context into the exact text that is sent.
 * Every message names the sender (the program) and how to get help; text messages stay within
 * 320 characters and end with the STOP line. Pure: the worker stores what this returns.
 */
import { catalogs } from './catalog';
import { SMS_MAX, type NoticeContext, type RenderedEmail } from './context';
import { parseTemplateData, type HearingData, type TemplateKey } from './data';
import { hearingIcs } from './ics';

export const STOP_LINE = { en: 'Reply STOP to opt out.', es: 'Responda STOP para no recibir más mensajes.' } as const;

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, Math.max(1, n - 1)).trimEnd()}…`);

function entry(key: TemplateKey, data: unknown, ctx: NoticeContext) {
  const parsed = parseTemplateData(key, data);
  const build = catalogs[ctx.locale][key] as (d: unknown, c: NoticeContext) => ReturnType<(typeof catalogs)['en'][TemplateKey]>;
  return { parsed, e: build(parsed, ctx) };
}

export function renderEmail(key: TemplateKey, data: unknown, ctx: NoticeContext): RenderedEmail {
  const { parsed, e } = entry(key, data, ctx);
  const es = ctx.locale === 'es';
  const lines: string[] = [es ? `Hola ${ctx.recipientName}:` : `Hello ${ctx.recipientName},`, ''];
  if (ctx.onBehalfOf) {
    lines.push(
      es
        ? `Este mensaje es para ${ctx.onBehalfOf}, quien le nombró como su persona de apoyo en ${ctx.programName}. Le pedimos que se lo haga saber.`
        : `This message is for ${ctx.onBehalfOf}, who named you as their support contact with ${ctx.programName}. Please pass it on.`,
      '',
    );
  }
  for (const p of e.paragraphs) lines.push(p, '');
  lines.push(es ? `¿Preguntas? Llame a ${ctx.programName} al ${ctx.helpPhone}.` : `Questions? Call ${ctx.programName} at ${ctx.helpPhone}.`, '');
  lines.push(ctx.programName, '--');
  lines.push(
    es
      ? `Recibe este correo porque ${ctx.onBehalfOf ? 'es persona de apoyo de alguien en' : 'participa en'} el programa ${ctx.programName}. Para dejar de recibir estos correos, llame al ${ctx.helpPhone}.`
      : `You get this email because you ${ctx.onBehalfOf ? 'are a support contact for someone in' : 'take part in'} the ${ctx.programName} program. To stop these emails, call ${ctx.helpPhone}.`,
  );
  const attachments: RenderedEmail['attachments'] = [];
  if (key === 'hearing.confirmation' || key === 'hearing.changed' || key === 'hearing.cancelled') {
    attachments.push({
      filename: es ? 'reunion.ics' : 'meeting.ics',
      contentType: `text/calendar; charset=utf-8; method=${key === 'hearing.cancelled' ? 'CANCEL' : 'PUBLISH'}`,
      content: hearingIcs(parsed as HearingData, ctx, key === 'hearing.cancelled' ? 'cancel' : 'publish'),
    });
  }
  return { subject: `${e.subject} · ${ctx.programName}`, text: lines.join('\n'), attachments };
}

/**
 * "Program: core. Help: phone. Reply STOP to opt out." Free-text values are shortened step by step
 * until the message fits in 320 characters.
 */
export function renderSms(key: TemplateKey, data: unknown, ctx: NoticeContext): string {
  const { e } = entry(key, data, ctx);
  const es = ctx.locale === 'es';
  const program = clip(ctx.programName, 40);
  const sender = ctx.onBehalfOf ? `${program} (${es ? 'para' : 'for'} ${clip(ctx.onBehalfOf, 30)})` : program;
  const tail = `${es ? 'Ayuda' : 'Help'}: ${clip(ctx.helpPhone, 20)}. ${STOP_LINE[ctx.locale]}`;
  let last = '';
  for (const cap of [Infinity, 120, 80, 50, 30, 20, 12]) {
    last = `${sender}: ${e.sms((s) => clip(s, cap))} ${tail}`;
    if (last.length <= SMS_MAX) return last;
  }
  // Only reachable with absurd inputs (e.g. a 300-character link); keep the sender and STOP line.
  return `${clip(`${sender}: ${e.sms((s) => clip(s, 12))}`, SMS_MAX - tail.length - 1)} ${tail}`;
}

/** The portal shows the email text (it is the fuller version). */
export function renderNotice(key: TemplateKey, channel: 'email' | 'sms' | 'portal', data: unknown, ctx: NoticeContext) {
  if (channel === 'sms') return { subject: null, body: renderSms(key, data, ctx), attachments: [] };
  const m = renderEmail(key, data, ctx);
  return { subject: m.subject, body: m.text, attachments: channel === 'email' ? m.attachments : [] };
}
