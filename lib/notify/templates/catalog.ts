/**
 * The words of every notice, in English and Spanish (plain language, "usted"). Each entry gives the
 * email subject and paragraphs and the core of the text message; the frame around them (greeting,
 * sender, help line, STOP line) is added in ./render.ts. `cap` shortens free-text values (venue,
 * obligation title) when a text message would run past 320 characters.
 */
import type { NoticeContext, NoticeLocale } from './context';
import type { ParsedTemplateData, TemplateKey } from './data';
import { longDate, longDateTime, shortDate, shortDateTime, timeOnly } from './format';

export type Entry = { subject: string; paragraphs: string[]; sms: (cap: (s: string) => string) => string };
type Build<K extends TemplateKey> = (d: ParsedTemplateData<K>, c: NoticeContext) => Entry;
export type Catalog = { [K in TemplateKey]: Build<K> };

type LocationCode = 'video' | 'to_be_confirmed';
type HearingLike = { location?: string | null; locationCode?: LocationCode | null; address?: string | null; videoUrl?: string | null; boardName?: string | null };

/** How each language says "no venue to name": `label` stands alone ("Where: …"), `inline` follows "at" / "en". */
const PLACE_WORDS: Record<NoticeLocale, Record<LocationCode, { label: string; inline: string }>> = {
  en: { video: { label: 'Video meeting', inline: 'Video meeting' }, to_be_confirmed: { label: 'To be confirmed', inline: 'To be confirmed' } },
  es: { video: { label: 'Videollamada', inline: 'videollamada' }, to_be_confirmed: { label: 'Por confirmar', inline: 'lugar por confirmar' } },
};

/** Notices queued before `locationCode` existed stored the English words in `location`. */
const LEGACY_LOCATION: Record<string, LocationCode> = { 'video meeting': 'video', 'to be confirmed': 'to_be_confirmed' };

/** The code to word, or null when `location` is a venue name to print as is. */
export function locationCodeOf(h: HearingLike): LocationCode | null {
  if (h.locationCode) return h.locationCode;
  const name = h.location?.trim();
  if (!name) return 'to_be_confirmed';
  return LEGACY_LOCATION[name.toLowerCase()] ?? null;
}

/** The place of a hearing in the recipient's language: the venue's own name, or the words for a code. */
export function placeText(h: HearingLike, l: NoticeLocale, form: 'label' | 'inline' = 'label'): string {
  const code = locationCodeOf(h);
  return code ? PLACE_WORDS[l][code][form] : (h.location ?? '');
}

const where = (h: HearingLike, l: NoticeLocale) => {
  const lines = [`${l === 'es' ? 'Lugar' : 'Where'}: ${placeText(h, l)}${h.address ? `, ${h.address}` : ''}`];
  if (h.videoUrl) lines.push(`${l === 'es' ? 'Enlace de video' : 'Video link'}: ${h.videoUrl}`);
  return lines.join('\n');
};

const items = (n: number, l: NoticeLocale) =>
  l === 'es' ? `${n} ${new Intl.PluralRules('es').select(n) === 'one' ? 'tarea' : 'tareas'}` : `${n} ${new Intl.PluralRules('en').select(n) === 'one' ? 'item' : 'items'}`;

const en: Catalog = {
  'hearing.confirmation': (d, c) => ({
    subject: `Your board meeting: ${longDateTime(d.startsAt, 'en', c.timeZone)}`,
    paragraphs: [
      `Your meeting with ${d.boardName ? `the ${d.boardName} board` : 'your neighborhood accountability board'} is set for ${longDateTime(d.startsAt, 'en', c.timeZone)}.`,
      where(d, 'en'),
      'The meeting takes about an hour. Please arrive 10 minutes early. A calendar file is attached so you can add the meeting to your phone or calendar.',
      `If you cannot come, call us before the meeting at ${c.helpPhone} and we will find another time.`,
    ],
    sms: (cap) => `Your board meeting is set for ${shortDateTime(d.startsAt, 'en', c.timeZone)} at ${cap(placeText(d, 'en', 'inline'))}. Can't come? Call us first.`,
  }),
  'hearing.reminder': (d, c) => {
    const when = shortDateTime(d.startsAt, 'en', c.timeZone);
    const lead = { '7d': 'in one week', '2d': 'in two days', day_of: 'today' }[d.lead];
    return {
      subject: d.lead === 'day_of' ? `Today: your board meeting at ${timeOnly(d.startsAt, 'en', c.timeZone)}` : `Reminder: your board meeting is ${lead} (${when})`,
      paragraphs: [
        `This is a reminder: your meeting with ${d.boardName ? `the ${d.boardName} board` : 'your neighborhood accountability board'} is ${lead}, ${longDateTime(d.startsAt, 'en', c.timeZone)}.`,
        where(d, 'en'),
        `If you cannot come, call ${c.helpPhone} before the meeting.`,
      ],
      sms: (cap) =>
        d.lead === 'day_of'
          ? `Today: your board meeting at ${timeOnly(d.startsAt, 'en', c.timeZone)}, ${cap(placeText(d, 'en', 'inline'))}.`
          : `Reminder: your board meeting is ${lead}, ${when}, at ${cap(placeText(d, 'en', 'inline'))}.`,
    };
  },
  'hearing.changed': (d, c) => ({
    subject: `Your board meeting has moved to ${shortDateTime(d.startsAt, 'en', c.timeZone)}`,
    paragraphs: [
      `Your board meeting has a new time: ${longDateTime(d.startsAt, 'en', c.timeZone)}.`,
      `It was ${longDateTime(d.previousStartsAt, 'en', c.timeZone)}. Please use the new time.`,
      where(d, 'en'),
      'An updated calendar file is attached; it replaces the old one in your calendar.',
    ],
    sms: (cap) => `Your board meeting has moved to ${shortDateTime(d.startsAt, 'en', c.timeZone)} at ${cap(placeText(d, 'en', 'inline'))}.`,
  }),
  'hearing.cancelled': (d, c) => ({
    subject: `Your board meeting on ${shortDateTime(d.startsAt, 'en', c.timeZone)} is cancelled`,
    paragraphs: [
      `Your board meeting on ${longDateTime(d.startsAt, 'en', c.timeZone)} is cancelled. You do not need to come.`,
      'We will contact you about what happens next. The attached calendar file removes the meeting from your calendar.',
    ],
    sms: () => `Your board meeting on ${shortDateTime(d.startsAt, 'en', c.timeZone)} is cancelled. You do not need to come. We will contact you.`,
  }),
  'hearing.no_show': (d, c) => ({
    subject: 'We missed you: pick a new meeting time',
    paragraphs: [
      `We missed you at your board meeting on ${longDateTime(d.missedAt, 'en', c.timeZone)}. Things happen, and your case is not closed.`,
      `Choose a new time here: ${d.rescheduleUrl}`,
      `Or call us at ${c.helpPhone} and we will set it up with you.`,
    ],
    sms: () => `We missed you at your board meeting. Your case is still open. Pick a new time: ${d.rescheduleUrl}`,
  }),
  'obligation.due_soon': (d) => ({
    subject: `Due soon: ${d.title}`,
    paragraphs: [
      `A reminder that this part of your agreement is due on ${longDate(d.dueOn, 'en')}: ${d.title}.`,
      'If you need more time or help, call us before the due date.',
    ],
    sms: (cap) => `Due ${shortDate(d.dueOn, 'en')}: ${cap(d.title)}. Need more time? Call us.`,
  }),
  'obligation.overdue': (d) => ({
    subject: `Past due: ${d.title}`,
    paragraphs: [
      `This part of your agreement was due on ${longDate(d.dueOn, 'en')} and we have not recorded it as done: ${d.title}.`,
      'If you already did it, or you need help, call us. A missed date does not end your case; talking to us helps.',
    ],
    sms: (cap) => `Past due since ${shortDate(d.dueOn, 'en')}: ${cap(d.title)}. Call us so we can help.`,
  }),
  'agreement.signed': (d) => ({
    subject: 'Your agreement is signed',
    paragraphs: [
      `Your agreement with the board is signed. It has ${items(d.itemCount, 'en')} and ends on ${longDate(d.endsOn, 'en')}.`,
      'You can see each item and its due date in your portal.',
    ],
    sms: () => `Your agreement is signed: ${items(d.itemCount, 'en')}, ends ${shortDate(d.endsOn, 'en')}. See the details in your portal.`,
  }),
  'case.completed': (_d, c) => ({
    subject: 'You completed the program',
    paragraphs: [
      `Congratulations: you completed your agreement with the ${c.programName} program.`,
      "The prosecutor's office has been told, and it will not go forward with charges for this case. A letter about your record will follow.",
      'Thank you for your work.',
    ],
    sms: () => "Congratulations! You completed the program. The prosecutor's office will not go forward with charges for this case. A letter will follow.",
  }),
  'case.returned': () => ({
    subject: "Your case went back to the prosecutor's office",
    paragraphs: [
      "Your case has been sent back to the prosecutor's office. They will contact you about what happens next.",
      'You have the right to ask questions and to talk with a lawyer.',
    ],
    sms: () => "Your case went back to the prosecutor's office. They will contact you about next steps. Questions? Call us.",
  }),
  'auth.sign_in_code': (d) => ({
    subject: `Your sign-in code: ${d.code}`,
    paragraphs: [
      `Your code to sign in to your case page is ${d.code}.`,
      `It works once, for ${d.minutes} minutes. Nobody from the program will ever ask you for it.`,
      'If you did not ask for a code, you can ignore this message.',
    ],
    sms: () => `Your sign-in code is ${d.code}. It works once, for ${d.minutes} minutes. Do not share it.`,
  }),
  'auth.invitation': (d) => ({
    subject: 'See your case online',
    paragraphs: [
      'You can now see your case online: your meetings, what to do next, and messages from us.',
      `Open this link to sign in. It works once, until ${longDate(d.expiresOn, 'en')}: ${d.url}`,
      'After that, you sign in with a code we text or email to you. There is no password to remember.',
    ],
    sms: () => `See your case online. Open this link to sign in (works once, until ${shortDate(d.expiresOn, 'en')}): ${d.url}`,
  }),
  'portal.request': (d) => ({
    subject: d.kind === 'help' ? `Help requested: ${d.participantName} (${d.caseNumber})` : `Meeting change requested: ${d.participantName} (${d.caseNumber})`,
    paragraphs: [
      d.kind === 'help' ? `${d.participantName} asked for help from their case page.` : `${d.participantName} asked to move their board meeting.`,
      d.message ? `Their message: ${d.message}` : 'They did not write a message.',
      `A task is open on the case: ${d.url}`,
    ],
    sms: (cap) => `${d.kind === 'help' ? 'Help requested' : 'Meeting change requested'}: ${cap(d.participantName)} (${d.caseNumber}). See the task on the case.`,
  }),
};

const es: Catalog = {
  'hearing.confirmation': (d, c) => ({
    subject: `Su reunión con el comité: ${longDateTime(d.startsAt, 'es', c.timeZone)}`,
    paragraphs: [
      `Su reunión con ${d.boardName ? `el comité ${d.boardName}` : 'su comité vecinal'} es el ${longDateTime(d.startsAt, 'es', c.timeZone)}.`,
      where(d, 'es'),
      'La reunión dura alrededor de una hora. Por favor llegue 10 minutos antes. Adjuntamos un archivo de calendario para que pueda agregar la reunión a su teléfono o calendario.',
      `Si no puede venir, llámenos antes de la reunión al ${c.helpPhone} y buscaremos otro horario.`,
    ],
    sms: (cap) => `Su reunión con el comité es el ${shortDateTime(d.startsAt, 'es', c.timeZone)} en ${cap(placeText(d, 'es', 'inline'))}. ¿No puede venir? Llámenos antes.`,
  }),
  'hearing.reminder': (d, c) => {
    const when = shortDateTime(d.startsAt, 'es', c.timeZone);
    const lead = { '7d': 'en una semana', '2d': 'en dos días', day_of: 'hoy' }[d.lead];
    return {
      subject: d.lead === 'day_of' ? `Hoy: su reunión con el comité a las ${timeOnly(d.startsAt, 'es', c.timeZone)}` : `Recordatorio: su reunión con el comité es ${lead} (${when})`,
      paragraphs: [
        `Le recordamos que su reunión con ${d.boardName ? `el comité ${d.boardName}` : 'su comité vecinal'} es ${lead}, el ${longDateTime(d.startsAt, 'es', c.timeZone)}.`,
        where(d, 'es'),
        `Si no puede venir, llame al ${c.helpPhone} antes de la reunión.`,
      ],
      sms: (cap) =>
        d.lead === 'day_of'
          ? `Hoy: su reunión con el comité es a las ${timeOnly(d.startsAt, 'es', c.timeZone)}, en ${cap(placeText(d, 'es', 'inline'))}.`
          : `Recordatorio: su reunión con el comité es ${lead}, el ${when}, en ${cap(placeText(d, 'es', 'inline'))}.`,
    };
  },
  'hearing.changed': (d, c) => ({
    subject: `Su reunión con el comité cambió al ${shortDateTime(d.startsAt, 'es', c.timeZone)}`,
    paragraphs: [
      `Su reunión con el comité tiene un nuevo horario: ${longDateTime(d.startsAt, 'es', c.timeZone)}.`,
      `Antes era el ${longDateTime(d.previousStartsAt, 'es', c.timeZone)}. Por favor use el nuevo horario.`,
      where(d, 'es'),
      'Adjuntamos un archivo de calendario actualizado; reemplaza el anterior en su calendario.',
    ],
    sms: (cap) => `Su reunión con el comité cambió al ${shortDateTime(d.startsAt, 'es', c.timeZone)} en ${cap(placeText(d, 'es', 'inline'))}.`,
  }),
  'hearing.cancelled': (d, c) => ({
    subject: `Su reunión del ${shortDateTime(d.startsAt, 'es', c.timeZone)} fue cancelada`,
    paragraphs: [
      `Su reunión con el comité del ${longDateTime(d.startsAt, 'es', c.timeZone)} fue cancelada. No necesita venir.`,
      'Nos comunicaremos con usted sobre los próximos pasos. El archivo de calendario adjunto quita la reunión de su calendario.',
    ],
    sms: () => `Su reunión del ${shortDateTime(d.startsAt, 'es', c.timeZone)} fue cancelada. No necesita venir. Nos comunicaremos con usted.`,
  }),
  'hearing.no_show': (d, c) => ({
    subject: 'No pudo venir a su reunión: elija otro horario',
    paragraphs: [
      `No pudo venir a su reunión con el comité del ${longDateTime(d.missedAt, 'es', c.timeZone)}. Estas cosas pasan y su caso sigue abierto.`,
      `Elija un nuevo horario aquí: ${d.rescheduleUrl}`,
      `O llámenos al ${c.helpPhone} y lo programamos juntos.`,
    ],
    sms: () => `No pudo venir a su reunión con el comité. Su caso sigue abierto. Elija otro horario: ${d.rescheduleUrl}`,
  }),
  'obligation.due_soon': (d) => ({
    subject: `Fecha próxima: ${d.title}`,
    paragraphs: [
      `Le recordamos que esta parte de su acuerdo vence el ${longDate(d.dueOn, 'es')}: ${d.title}.`,
      'Si necesita más tiempo o ayuda, llámenos antes de esa fecha.',
    ],
    sms: (cap) => `Vence el ${shortDate(d.dueOn, 'es')}: ${cap(d.title)}. ¿Necesita más tiempo? Llámenos.`,
  }),
  'obligation.overdue': (d) => ({
    subject: `Vencido: ${d.title}`,
    paragraphs: [
      `Esta parte de su acuerdo vencía el ${longDate(d.dueOn, 'es')} y todavía no aparece como cumplida: ${d.title}.`,
      'Si ya la cumplió o necesita ayuda, llámenos. Una fecha vencida no cierra su caso; hablar con nosotros ayuda.',
    ],
    sms: (cap) => `Vencido desde el ${shortDate(d.dueOn, 'es')}: ${cap(d.title)}. Llámenos para ayudarle.`,
  }),
  'agreement.signed': (d) => ({
    subject: 'Su acuerdo está firmado',
    paragraphs: [
      `Su acuerdo con el comité está firmado. Tiene ${items(d.itemCount, 'es')} y termina el ${longDate(d.endsOn, 'es')}.`,
      'Puede ver cada tarea y su fecha en su portal.',
    ],
    sms: () => `Su acuerdo está firmado: ${items(d.itemCount, 'es')}, termina el ${shortDate(d.endsOn, 'es')}. Vea los detalles en su portal.`,
  }),
  'case.completed': (_d, c) => ({
    subject: 'Completó el programa',
    paragraphs: [
      `Felicidades: usted completó su acuerdo con el programa ${c.programName}.`,
      'La oficina del fiscal ya fue informada y no seguirá adelante con cargos por este caso. Le enviaremos una carta sobre sus antecedentes.',
      'Gracias por su esfuerzo.',
    ],
    sms: () => '¡Felicidades! Completó el programa. La oficina del fiscal no seguirá adelante con cargos por este caso. Le enviaremos una carta.',
  }),
  'case.returned': () => ({
    subject: 'Su caso regresó a la oficina del fiscal',
    paragraphs: [
      'Su caso fue enviado de nuevo a la oficina del fiscal. Ellos se comunicarán con usted sobre los próximos pasos.',
      'Tiene derecho a hacer preguntas y a hablar con un abogado.',
    ],
    sms: () => 'Su caso regresó a la oficina del fiscal. Ellos se comunicarán con usted sobre los próximos pasos. ¿Preguntas? Llámenos.',
  }),
  'auth.sign_in_code': (d) => ({
    subject: `Su código para entrar: ${d.code}`,
    paragraphs: [
      `Su código para entrar a la página de su caso es ${d.code}.`,
      `Sirve una sola vez, durante ${d.minutes} minutos. Nadie del programa le pedirá este código.`,
      'Si usted no pidió un código, puede ignorar este mensaje.',
    ],
    sms: () => `Su código para entrar es ${d.code}. Sirve una vez, durante ${d.minutes} minutos. No lo comparta.`,
  }),
  'auth.invitation': (d) => ({
    subject: 'Vea su caso en línea',
    paragraphs: [
      'Ahora puede ver su caso en línea: sus reuniones, qué hacer después y nuestros mensajes.',
      `Abra este enlace para entrar. Sirve una vez, hasta el ${longDate(d.expiresOn, 'es')}: ${d.url}`,
      'Después, entra con un código que le enviamos por mensaje de texto o correo. No necesita recordar una contraseña.',
    ],
    sms: () => `Vea su caso en línea. Abra este enlace para entrar (sirve una vez, hasta el ${shortDate(d.expiresOn, 'es')}): ${d.url}`,
  }),
  'portal.request': (d) => ({
    subject: d.kind === 'help' ? `Pide ayuda: ${d.participantName} (${d.caseNumber})` : `Pide cambiar la reunión: ${d.participantName} (${d.caseNumber})`,
    paragraphs: [
      d.kind === 'help' ? `${d.participantName} pidió ayuda desde la página de su caso.` : `${d.participantName} pidió cambiar su reunión con el comité.`,
      d.message ? `Su mensaje: ${d.message}` : 'No escribió un mensaje.',
      `Hay una tarea abierta en el caso: ${d.url}`,
    ],
    sms: (cap) => `${d.kind === 'help' ? 'Pide ayuda' : 'Pide cambiar la reunión'}: ${cap(d.participantName)} (${d.caseNumber}). Vea la tarea en el caso.`,
  }),
};

export const catalogs: Record<NoticeLocale, Catalog> = { en, es };
