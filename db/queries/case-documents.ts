import 'server-only';
import { and, count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { boards, caseAssignments, caseClosures, cases, hearings, jurisdictions, participants } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { recordStatus, type RecordStatus } from '@/lib/domain/record-status';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { caseScope } from './case-scope';

export const caseDocumentKinds = ['certificate', 'record-letter'] as const;
export type CaseDocumentKind = (typeof caseDocumentKinds)[number];

export type CaseDocumentData = {
  kind: CaseDocumentKind;
  caseId: string;
  externalCaseNumber: string;
  participantName: string;
  participantLanguage: 'en' | 'es';
  referredAt: Date;
  closedAt: Date;
  outcome: 'completed' | 'unsuccessful' | 'withdrawn';
  hearingsAttended: number;
  board: string | null;
  record: RecordStatus;
  program: { name: string; jurisdiction: string; helpPhone: string; timeZone: string };
};

/**
 * What a case document (certificate of completion, record letter) says, read on request from the
 * case: participant on their own case, coordinator or prosecutor on cases of their jurisdiction
 * (scope in the WHERE clause: out of scope is not found). The certificate exists only for a
 * completed case, the record letter for any closed one; otherwise not found. Each download is
 * audited (`case.document`). Never includes notes, summaries or treatment data.
 */
export async function getCaseDocument(db: Db, actor: Actor, input: { caseId: string; kind: string; locale: string }, now = new Date()): Promise<CaseDocumentData> {
  if (!can(actor.role, 'case.documents')) throw new ForbiddenError();
  const kind = z.enum(caseDocumentKinds).safeParse(input.kind);
  if (!kind.success || !z.uuid().safeParse(input.caseId).success) throw new NotFoundError('That document');
  const [row] = await db
    .select({
      caseId: cases.id,
      externalCaseNumber: cases.externalCaseNumber,
      referredAt: cases.referredAt,
      jurisdictionId: cases.jurisdictionId,
      firstName: participants.firstName,
      lastName: participants.lastName,
      language: participants.preferredLanguage,
      closure: caseClosures,
      jurisdiction: jurisdictions.name,
      timeZone: jurisdictions.timeZone,
      settings: jurisdictions.settings,
    })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .innerJoin(jurisdictions, eq(jurisdictions.id, cases.jurisdictionId))
    .innerJoin(caseClosures, eq(caseClosures.caseId, cases.id))
    .where(and(eq(cases.id, input.caseId), caseScope(actor)));
  if (!row || (kind.data === 'certificate' && row.closure.outcome !== 'completed')) throw new NotFoundError('That document');
  const [[held], [board]] = await Promise.all([
    db.select({ n: count() }).from(hearings).where(and(eq(hearings.caseId, row.caseId), eq(hearings.status, 'held'))),
    db
      .select({ name: boards.name })
      .from(caseAssignments)
      .innerJoin(boards, eq(boards.id, caseAssignments.boardId))
      .where(eq(caseAssignments.caseId, row.caseId))
      .orderBy(caseAssignments.assignedAt)
      .limit(1),
  ]);
  const c = row.closure;
  const record = recordStatus(
    {
      closedAt: c.closedAt,
      outcome: c.outcome,
      finalAction: c.finalAction,
      finalActionAt: c.finalActionAt,
      refileWindowUntil: c.refileWindowUntil ? new Date(`${c.refileWindowUntil}T23:59:59Z`) : null,
    },
    now,
  );
  await writeAudit(db, actor, { action: 'case.document', entityType: 'case', entityId: row.caseId, jurisdictionId: row.jurisdictionId, details: { document: kind.data, locale: input.locale } });
  return {
    kind: kind.data,
    caseId: row.caseId,
    externalCaseNumber: row.externalCaseNumber,
    participantName: `${row.firstName} ${row.lastName}`,
    participantLanguage: row.language,
    referredAt: row.referredAt,
    closedAt: c.closedAt,
    outcome: c.outcome,
    hearingsAttended: held?.n ?? 0,
    board: board?.name ?? null,
    record,
    program: { name: row.settings.programName, jurisdiction: row.jurisdiction, helpPhone: row.settings.helpPhone, timeZone: row.timeZone },
  };
}
