import { getDb } from '@/db/client';
import { getApiOutcomes } from '@/lib/http/v1';

export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  return getApiOutcomes(await getDb(), req);
}
