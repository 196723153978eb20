/**
 * The certificate of completion and the record letter as PDF (pdf-lib, standard Helvetica with
 * WinAnsi encoding: covers English and Spanish, including á é í ó ú ñ ü ¿ ¡). Plain language,
 * laid out for A4/Letter printing; every sentence comes from the `caseDocuments` messages so the
 * same renderer serves both languages. Pure apart from pdf-lib: data in, bytes out.
 */
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import { missouriRecordRules, type RecordStatus } from '@/lib/domain/record-status';

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export type DocumentInput = {
  kind: 'certificate' | 'record-letter';
  externalCaseNumber: string;
  participantName: string;
  closedAt: Date;
  outcome: 'completed' | 'unsuccessful' | 'withdrawn';
  hearingsAttended: number;
  board: string | null;
  record: RecordStatus;
  program: { name: string; jurisdiction: string; helpPhone: string; timeZone: string };
};

const PAGE = { width: 612, height: 792, margin: 64 };
const INK = rgb(0.1, 0.1, 0.1);
const BRAND = rgb(0.05, 0.33, 0.35);

/** Replace what WinAnsi cannot encode (rare characters in names) so rendering never fails. */
function encodable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      font.widthOfTextAtSize(ch, 10);
      out += ch;
    } catch {
      const base = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += base && base !== ch ? encodable(font, base) : '?';
    }
  }
  return out;
}

class Writer {
  y = PAGE.height - PAGE.margin;
  constructor(
    private page: PDFPage,
    private regular: PDFFont,
    private bold: PDFFont,
  ) {}

  text(text: string, o: { size?: number; bold?: boolean; center?: boolean; gap?: number; color?: typeof INK } = {}) {
    const size = o.size ?? 11.5;
    const font = o.bold ? this.bold : this.regular;
    const width = PAGE.width - 2 * PAGE.margin;
    const words = encodable(font, text).split(/\s+/).filter(Boolean);
    const lines: string[] = [];
    let line = '';
    for (const w of words) {
      const next = line ? `${line} ${w}` : w;
      if (line && font.widthOfTextAtSize(next, size) > width) {
        lines.push(line);
        line = w;
      } else line = next;
    }
    if (line) lines.push(line);
    for (const l of lines) {
      this.y -= size * 1.35;
      const x = o.center ? (PAGE.width - font.widthOfTextAtSize(l, size)) / 2 : PAGE.margin;
      this.page.drawText(l, { x, y: this.y, size, font, color: o.color ?? INK });
    }
    this.y -= o.gap ?? 6;
  }

  rule() {
    this.y -= 6;
    this.page.drawLine({ start: { x: PAGE.margin, y: this.y }, end: { x: PAGE.width - PAGE.margin, y: this.y }, thickness: 1, color: BRAND });
    this.y -= 10;
  }
}

/** The record status in one plain sentence (the same wording on the certificate and the letter). */
export function recordStatusSentence(t: Translate, record: RecordStatus, day: (d: Date) => string): string {
  if (record.status === 'closed') return t('status.closed', { date: day(record.closedOn), citation: record.citation });
  if (record.closesOn && record.reason !== 'charged') return t('status.closesOn', { date: day(record.closesOn) });
  return t(`status.${record.reason}`);
}

export async function renderCaseDocument(d: DocumentInput, t: Translate, locale: 'en' | 'es', now = new Date()): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const title = d.kind === 'certificate' ? t('certificate.title') : t('letter.title');
  pdf.setTitle(`${title} — ${d.participantName}`);
  pdf.setLanguage(locale === 'es' ? 'es-US' : 'en-US');
  pdf.setAuthor(d.program.name);
  pdf.setCreationDate(now);
  const page = pdf.addPage([PAGE.width, PAGE.height]);
  const w = new Writer(page, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  const fmt = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: d.program.timeZone });
  const day = (x: Date) => fmt.format(x);
  const program = d.program.name;

  w.text(t('common.page', { program, jurisdiction: d.program.jurisdiction }), { size: 10, color: BRAND, center: d.kind === 'certificate' });
  if (d.kind === 'certificate') {
    w.y -= 40;
    w.text(title, { size: 28, bold: true, center: true, color: BRAND, gap: 24 });
    w.text(t('certificate.certifies'), { center: true, size: 13 });
    w.text(d.participantName, { size: 24, bold: true, center: true, gap: 10 });
    w.text(t('certificate.completedOn', { program, date: day(d.closedAt) }), { center: true, size: 13, gap: 30 });
    w.rule();
    w.text(t('certificate.whatTitle'), { bold: true, size: 13 });
    w.text(t('certificate.what', { name: d.participantName }));
    if (d.board) w.text(t('certificate.board', { board: d.board }), { gap: 0 });
    w.text(t('certificate.hearings', { count: d.hearingsAttended }));
    w.text(t('certificate.noCharge'), { gap: 14 });
    w.text(t('letter.statusTitle'), { bold: true, size: 13 });
    w.text(recordStatusSentence(t, d.record, day), { gap: 14 });
  } else {
    w.y -= 16;
    w.text(title, { size: 22, bold: true, color: BRAND, gap: 14 });
    w.text(t('common.issued', { date: day(now) }), { gap: 0 });
    w.text(t('letter.to', { name: d.participantName }), { gap: 0 });
    w.text(t('common.case', { number: d.externalCaseNumber }), { gap: 14 });
    w.text(t('letter.closedOn', { program, date: day(d.closedAt) }));
    w.text(t(`letter.outcome.${d.outcome}`), { gap: 14 });
    w.text(t('letter.statusTitle'), { bold: true, size: 13 });
    w.text(recordStatusSentence(t, d.record, day), { gap: 14 });
    w.text(t('letter.whatTitle'), { bold: true, size: 13 });
    const means = d.record.status === 'closed' ? 'closed' : d.record.reason === 'charged' ? 'charged' : 'open';
    w.text(t(`letter.means.${means}`), { gap: 14 });
    w.text(t('letter.rulesTitle'), { bold: true, size: 13 });
    w.text(t('letter.rules', { days: missouriRecordRules.unchargedClosesAfterDays, unchargedCitation: missouriRecordRules.citation.uncharged, dismissalCitation: missouriRecordRules.citation.dismissal }), { gap: 14 });
  }
  w.rule();
  if (d.kind === 'certificate') {
    w.text(t('common.issued', { date: day(now) }), { gap: 0 });
    w.text(t('common.case', { number: d.externalCaseNumber }), { gap: 14 });
  }
  w.text(t('common.contactTitle'), { bold: true });
  w.text(t('common.contact', { program, phone: d.program.helpPhone }), { gap: 14 });
  w.text(t('common.notAdvice'), { size: 9.5 });
  return pdf.save();
}
