import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { roleHome } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const actor = await getActor();
  redirect(actor ? roleHome[actor.role] : '/sign-in');
}
