import { getDb } from '@/db/client';
import { getProofFile } from '@/db/queries/agreement-progress';
import { getActor } from '@/lib/auth/session';
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
  if (!actor) return new Response('Sign in to download this file.', { status: 401 });
  if (!can(actor.role, 'proof.read')) return new Response('Not found', { status: 404 });
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
    if (err instanceof NotFoundError) return new Response('Not found', { status: 404 });
    throw err;
  }
}
