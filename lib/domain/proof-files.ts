/**
 * Checks on an uploaded proof file, pure: the real type comes from the first bytes (magic numbers),
 * never from the name or the browser's claim; empty and oversize files are refused. Each refusal
 * has a message a participant can act on.
 */
export const PROOF_MAX_BYTES = 10 * 1024 * 1024;
export type ProofType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
export const proofExtension: Record<ProofType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

export function sniffProofType(bytes: Uint8Array): ProofType | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

export type ProofCheck = { ok: true; type: ProofType } | { ok: false; code: 'empty' | 'too_large' | 'wrong_type'; message: string };

export function checkProofFile(bytes: Uint8Array, maxBytes = PROOF_MAX_BYTES): ProofCheck {
  if (bytes.length === 0) return { ok: false, code: 'empty', message: 'That file is empty. Choose the photo or PDF again.' };
  if (bytes.length > maxBytes) return { ok: false, code: 'too_large', message: `That file is too large (${(bytes.length / 1048576).toFixed(1)} MB). The limit is ${Math.round(maxBytes / 1048576)} MB: take a smaller photo or scan fewer pages.` };
  const type = sniffProofType(bytes);
  if (!type) return { ok: false, code: 'wrong_type', message: 'That file is not a photo (JPEG, PNG, WebP) or a PDF. Choose a photo or a PDF.' };
  return { ok: true, type };
}

/** A safe download name: ASCII letters, digits, dot, dash, underscore; the real extension. */
export function safeFileName(original: string, type: ProofType): string {
  const base = original.replace(/\.[^.]*$/, '').normalize('NFKD').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'proof';
  return `${base}.${proofExtension[type]}`;
}
