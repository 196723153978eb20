import zlib from 'node:zlib';

/**
 * The text a PDF made by pdf-lib draws, read from its bytes: every content stream is inflated
 * (FlateDecode) and the strings of its text-showing operators (`<hex> Tj` for the standard fonts,
 * or `(literal) Tj`) are decoded as WinAnsi. Good enough for documents drawn with
 * one standard font per run, which is what lib/outcomes/case-document-pdf.ts makes.
 */
export function pdfText(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes);
  const raw = buf.toString('latin1');
  // WinAnsi 0x80–0x9F (typographic quotes, dashes…); the rest is Latin-1.
  const high: Record<number, string> = { 0x80: '€', 0x85: '…', 0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—', 0x99: '™' };
  const winAnsi = { decode: (b: Buffer) => Array.from(b, (c) => high[c] ?? String.fromCharCode(c)).join('') };
  const lines: string[] = [];
  const re = /stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    const chunk = buf.subarray(start, end);
    let content: string;
    try {
      content = zlib.inflateSync(chunk).toString('latin1');
    } catch {
      content = chunk.toString('latin1');
    }
    for (const op of content.matchAll(/<([0-9A-Fa-f]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g)) {
      if (op[1] !== undefined) lines.push(winAnsi.decode(Buffer.from(op[1], 'hex')));
      else lines.push(winAnsi.decode(Buffer.from(op[2].replace(/\\(.)/g, '$1'), 'latin1')));
    }
    re.lastIndex = end;
  }
  return lines.join('\n');
}
