/**
 * Request bodies of the integration API: JSON only, at most 1 MB. The limit is checked twice —
 * against Content-Length before reading, and while streaming (a chunked or lying client cannot get
 * past it) — so an oversized body is refused with 413 without being held in memory.
 */
import { HttpProblem } from './problem';

export const MAX_BODY_BYTES = 1024 * 1024;

const tooLarge = (limit: number) => new HttpProblem(413, 'Request body too large', `Request bodies are limited to ${limit} bytes (1 MB).`);

export async function readJsonBody(req: Request, limit = MAX_BODY_BYTES): Promise<unknown> {
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(type)) throw new HttpProblem(415, 'Unsupported media type', 'Send the body as JSON with Content-Type: application/json.');
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) throw new HttpProblem(400, 'Invalid request', 'A JSON request body is required.');
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem(400, 'Invalid request', 'The request body is not valid JSON.');
  }
}
