import { notFound } from 'next/navigation';
import { getActor } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

/**
 * Benchmark only (BENCH_MODE=1, else 404): the cheapest page this app can serve. It runs the same
 * session check as every page and renders one word in the root layout, so `npm run bench` can show
 * what the framework's page rendering alone costs against its bare baseline (`/api/bench/floor`,
 * the same check answered as JSON). No page can be faster than this one.
 */
export default async function BenchFloorPage() {
  if (process.env.BENCH_MODE !== '1') notFound();
  const actor = await getActor();
  return <p>{actor ? actor.role : 'signed out'}</p>;
}
