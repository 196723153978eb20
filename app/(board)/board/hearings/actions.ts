'use server';

import { headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createCalendarFeed, revokeCalendarFeed } from '@/db/queries/calendar';
import { defineAction } from '@/lib/actions';

async function origin() {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto') ?? (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}

/** Shared by volunteers and participants: make a new private feed URL (shown once), or turn it off. */
export const calendarFeedAction = defineAction({
  schema: z.object({ op: z.enum(['create', 'revoke']) }),
  permission: 'calendar.feed',
  run: async ({ db, actor }, { op }) => {
    let url: string | null = null;
    if (op === 'create') url = `${await origin()}/api/calendar/feed/${(await createCalendarFeed(db, actor)).token}.ics`;
    else await revokeCalendarFeed(db, actor);
    revalidatePath('/board/hearings');
    revalidatePath('/portal');
    return { op, url };
  },
});
