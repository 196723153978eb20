import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/**
 * Benchmark only (BENCH_MODE=1, else 404): the cheapest page this app can serve. It runs the same
 * session check as every page and renders one word in the root layout, so `npm run bench` can show
 * what the framework's page rendering alone costs against its bare baseline (`/api/bench/floor`,
 * the same check answered as JSON). No page can be faster than this one. The session is checked
 * before the bench-mode check so a signed-out or disabled account is sent to sign in, as on every
 * page (the authorization matrix holds it to that).
 */
export default async function BenchFloorPage() {
  const actor = await requireActor();
  if (process.env.BENCH_MODE !== '1') notFound();
  return <p>{actor.role}</p>;
}
