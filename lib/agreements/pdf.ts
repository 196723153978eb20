import 'server-only';
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import type { CaseAgreements } from '@/db/queries/agreements';
import { localizeItemText } from '@/lib/domain/agreement-standard-text';
import en from '@/lib/i18n/messages/en.json';
import es from '@/lib/i18n/messages/es.json';

type Version = CaseAgreements['history'][number];
type Pdf = (typeof en)['agreements']['pdf'];

/**
 * Standard fonts use WinAnsi: Spanish accents (á é í ó ú ñ ü ¿ ¡) print; anything outside it
 * (emoji, other scripts) is replaced rather than failing the whole document.
 */
function winAnsi(s: string): string {
  return s.normalize('NFC').replace(/[^\x20-\x7E\xA0-\xFF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/g, '?');
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of winAnsi(text).split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/)) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) > width && line) {
        out.push(line);
        line = word;
      } else line = next;
    }
    out.push(line);
  }
  return out;
}

const fill = (tpl: string, vars: Record<string, string | number>) => tpl.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

/** The agreement as a PDF in the participant's language (English or Spanish). */
export async function agreementPdf(v: Version, o: { participantName: string; boardName: string; programName: string; timeZone: string }): Promise<Uint8Array> {
  const lang = v.agreement.language === 'es' ? 'es' : 'en';
  const L: Pdf = (lang === 'es' ? es : en).agreements.pdf;
  const doc = await PDFDocument.create();
  doc.setTitle(winAnsi(`${L.title} ${v.agreement.number}`));
  doc.setLanguage(lang === 'es' ? 'es-US' : 'en-US');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const margin = 56;
  let page: PDFPage = doc.addPage([612, 792]);
  let y = 792 - margin;
  const width = 612 - 2 * margin;
  const write = (text: string, opts: { size?: number; f?: PDFFont; gap?: number } = {}) => {
    const size = opts.size ?? 11;
    const f = opts.f ?? font;
    for (const line of wrap(text, f, size, width)) {
      if (y < margin + size) {
        page = doc.addPage([612, 792]);
        y = 792 - margin;
      }
      page.drawText(line, { x: margin, y, size, font: f, color: rgb(0.1, 0.1, 0.1) });
      y -= size * 1.35;
    }
    y -= opts.gap ?? 0;
  };
  const money = (cents: number) => new Intl.NumberFormat(lang === 'es' ? 'es-US' : 'en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
  const qty = (unit: string, n: number) => (unit === 'cents' ? money(n) : `${n} ${(L.units as Record<string, string>)[unit] ?? unit}`);
  const when = (d: Date) => new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeStyle: 'short', timeZone: o.timeZone }).format(d);

  write(o.programName, { size: 10 });
  write(`${L.title} — ${L.version} ${v.agreement.number}`, { size: 18, f: bold, gap: 6 });
  write(fill(L.between, { participant: o.participantName, board: o.boardName }), { gap: 4 });
  write(fill(L.period, { from: v.agreement.startsOn, checkIn: v.agreement.checkInOn, to: v.agreement.endsOn }), { gap: 4 });
  if (v.agreement.amendmentReason) write(fill(L.amendment, { reason: v.agreement.amendmentReason }), { gap: 4 });
  if (v.agreement.status === 'superseded') write(L.superseded, { f: bold, gap: 4 });
  write(L.items, { size: 14, f: bold, gap: 2 });
  // The system's own wording (standard hearings, treatment items) in the participant's language.
  const items = v.items.map((i) => localizeItemText(i, lang, (lang === 'es' ? es : en).agreements.standardText));
  items.forEach((i, n) => {
    write(`${n + 1}. ${i.title}`, { f: bold });
    if (i.details) write(i.details);
    write(fill(L.itemLine, { target: qty(i.unit, i.targetQuantity), due: i.dueOn, verification: i.verification }));
    if (i.paymentPlan) write(fill(L.paymentPlan, { plan: i.paymentPlan }));
    if (i.noCostAlternative) write(fill(L.alternative, { alt: i.noCostAlternative }));
    y -= 4;
  });
  write(L.promises, { gap: 8 });
  write(L.signatures, { size: 14, f: bold, gap: 2 });
  for (const s of v.signatures) {
    write(fill(L.signatureLine, { role: s.signerRole === 'chair' ? L.chair : L.participant, name: s.typedName, when: when(s.signedAt), method: s.method === 'hearing_device' ? L.onDevice : L.ownAccount }));
  }
  if (!v.signatures.length) write(L.unsigned);
  return doc.save();
}
