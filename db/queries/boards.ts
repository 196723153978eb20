import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { boardAreas, boardMemberships, boards } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { ForbiddenError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';

/** Boards of the actor's jurisdiction with the areas they serve and how many active volunteers. */
export async function listBoards(db: Db, actor: Actor) {
  if (!can(actor.role, 'board.list') || actor.role === 'volunteer') throw new ForbiddenError();
  const rows = await db
    .select({
      id: boards.id,
      name: boards.name,
      language: boards.language,
      monthlyCapacity: boards.monthlyCapacity,
      members: sql<number>`(select count(*)::int from ${boardMemberships} m where m.board_id = "boards"."id" and m.active)`,
      areas: sql<{ zip: string; neighborhood: string }[]>`coalesce((select json_agg(json_build_object('zip', a.zip, 'neighborhood', a.neighborhood) order by a.zip) from ${boardAreas} a where a.board_id = "boards"."id"), '[]'::json)`,
    })
    .from(boards)
    .where(and(eq(boards.jurisdictionId, actor.jurisdictionId), eq(boards.active, true)))
    .orderBy(asc(boards.name));
  return rows;
}

/** The boards a volunteer actively serves on, with their role and term. */
export async function listMyBoards(db: Db, actor: Actor) {
  return db
    .select({ id: boards.id, name: boards.name, language: boards.language, role: boardMemberships.role, termEnd: boardMemberships.termEnd })
    .from(boardMemberships)
    .innerJoin(boards, eq(boards.id, boardMemberships.boardId))
    .where(and(eq(boardMemberships.userId, actor.userId), eq(boardMemberships.active, true), eq(boards.jurisdictionId, actor.jurisdictionId)))
    .orderBy(asc(boards.name));
}
