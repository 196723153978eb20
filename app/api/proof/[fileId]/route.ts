import { getDb } from '@/db/client';
import { getProofFile } from '@/db/queries/agreement-progress';
import { getActor } from '@/lib/auth/session';
import { HttpProblem, problemResponse } from '@/lib/http/problem';
import { NotFoundError } from '@/lib/errors';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

/**
 * One proof file, for people who may see its case (scoped in SQL; anything else is 404). Served
 * as the type sniffed at upload, as an attachment, never inline, with nosniff and a sandboxing CSP,
 * so a file can never run as a page of this site.
 */
export async function GET(_req: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const actor = await getActor();
  if (!actor) return problemResponse(new HttpProblem(401, 'Sign in to download this file.'));
  if (!can(actor.role, 'proof.read')) return notFound();
  const { fileId } = await params;
  try {
    const { meta, bytes } = await getProofFile(await getDb(), actor, fileId);
    return new Response(Buffer.from(bytes), {
      headers: {
        'content-type': meta.contentType,
        'content-length': String(bytes.length),
        'content-disposition': `attachment; filename="${meta.originalName}"`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      },
    });
  } catch (err) {
    if (err instanceof NotFoundError) return notFound();
    throw err;
  }
}

// Errors under /api are problem+json like the rest of the API.
const notFound = () => problemResponse(new HttpProblem(404, 'Not found', 'No proof file here: the link is wrong, or the file is not on a case you can see.'));
