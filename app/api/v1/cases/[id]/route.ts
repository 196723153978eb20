import { getDb } from '@/db/client';
import { getApiCase } from '@/lib/http/v1';

export const dynamic = 'force-dynamic';

export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return getApiCase(await getDb(), req, (await params).id);
}
