import { getDb } from '@/db/client';
import { postReferral } from '@/lib/http/v1';

export const dynamic = 'force-dynamic';

export async function POST(req: Request) {
  return postReferral(await getDb(), req);
}
