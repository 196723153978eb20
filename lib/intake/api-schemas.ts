/**
 * Response shapes of the integration API (/api/v1). The handlers build these objects and the
 * OpenAPI document is generated from these schemas and referralSchema, so documentation and
 * behaviour cannot drift.
 */
import { treatmentStatuses } from '@/lib/domain/treatment-lifecycle';
import { z } from 'zod';
import { caseStatuses, returnReasons } from '@/lib/domain/case-lifecycle';
import { criterionKinds } from '@/lib/domain/eligibility';

export const screeningSummarySchema = z
  .object({
    decision: z.enum(['eligible', 'ineligible', 'needs_review']),
    policyVersion: z.int().meta({ description: 'The version of the office’s written policy the decision applied.' }),
    reason: z.string(),
    criteria: z.array(z.object({ kind: z.enum(criterionKinds), result: z.enum(['met', 'not_met', 'unknown']), evidence: z.string() })),
  })
  .meta({ id: 'ScreeningSummary' });

export const referralResponseSchema = z
  .object({
    id: z.uuid(),
    externalCaseNumber: z.string(),
    status: z.enum(caseStatuses),
    screening: screeningSummarySchema.nullable(),
    participant: z.object({
      id: z.uuid(),
      linked: z.boolean().meta({ description: 'True when the referral was linked to a person already on file (same name and date of birth).' }),
    }),
  })
  .meta({ id: 'ReferralCreated' });

export const caseResponseSchema = z
  .object({
    id: z.uuid(),
    externalCaseNumber: z.string(),
    status: z.enum(caseStatuses),
    returnReason: z.enum(returnReasons).nullable(),
    referredAt: z.iso.datetime(),
    statusChangedAt: z.iso.datetime(),
    closedAt: z.iso.datetime().nullable(),
    board: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    nextHearingAt: z.iso.datetime().nullable(),
    offerDeadlineAt: z.iso.datetime().nullable().meta({ description: 'While the case is offered: when the participant must answer by.' }),
    screening: screeningSummarySchema.nullable(),
    treatment: z
      .object({
        notice: z.string().meta({ description: 'The 42 CFR §2.32 notice that accompanies this disclosure: do not use or redisclose.' }),
        consentId: z.uuid(),
        referrals: z.array(z.object({ provider: z.string(), status: z.enum(treatmentStatuses), statusChangedAt: z.iso.datetime() })),
      })
      .nullable()
      .meta({ description: 'Treatment referral status attestations, only while the participant’s 42 CFR Part 2 consent names the office and before final disposition; otherwise null, which says nothing about whether a referral exists. Each answer with data is recorded as a disclosure.' }),
  })
  .meta({ id: 'Case' });

export const outcomeItemSchema = z.object({
  id: z.uuid(),
  externalCaseNumber: z.string(),
  outcome: z.enum(['completed', 'returned']).meta({ description: 'completed: the office declines to file or dismisses. returned: the case is back with the office (see returnReason).' }),
  returnReason: z.enum(returnReasons).nullable(),
  closedAt: z.iso.datetime(),
  referredAt: z.iso.datetime(),
});

export const outcomesResponseSchema = z
  .object({
    items: z.array(outcomeItemSchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` (with the same `since`) for the next page; null on the last page.' }),
  })
  .meta({ id: 'Outcomes' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ pointer: z.string().meta({ description: 'JSON Pointer to the bad field, e.g. /participant/zip.' }), detail: z.string() }))
      .optional()
      .meta({ description: 'Every bad field, not only the first.' }),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details.' });
