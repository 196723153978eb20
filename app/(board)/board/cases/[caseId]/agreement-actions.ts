'use server';

import { revalidatePath } from 'next/cache';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getDb } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { logProgress, logProgressSchema, reviewProgress, reviewProgressSchema } from '@/db/queries/agreement-progress';
import {
  addItem,
  addItemSchema,
  amendAgreement,
  amendSchema,
  approveAgreement,
  approveSchema,
  createDraft,
  createDraftSchema,
  removeItem,
  removeItemSchema,
  saveTemplate,
  saveTemplateSchema,
  signAgreement,
  signSchema,
} from '@/db/queries/agreements';
import { defineAction, errorResult, formValues, keptValues, type ActionResult } from '@/lib/actions';
import type { Actor } from '@/lib/auth/actor';
import { getActor } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import { portalErrorResult } from '@/lib/portal/errors';

/*
 * Agreement actions, shared by the board case page, the staff case page and the participant's
 * obligations page. Each one: parse → permission → data function (scope in SQL) → revalidate.
 */

function refresh() {
  revalidatePath('/board', 'layout');
  revalidatePath('/cases', 'layout');
  revalidatePath('/portal', 'layout');
}

export const createDraftAction = defineAction({
  schema: createDraftSchema,
  permission: 'agreement.draft',
  run: async ({ db, actor }, input) => {
    const a = await createDraft(db, actor, input);
    refresh();
    return { agreementId: a.id };
  },
});

export const addItemAction = defineAction({
  schema: addItemSchema,
  permission: 'agreement.draft',
  run: async ({ db, actor }, input) => {
    const r = await addItem(db, actor, input);
    refresh();
    return { itemId: r.item.id };
  },
});

export const removeItemAction = defineAction({
  schema: removeItemSchema,
  permission: 'agreement.draft',
  run: async ({ db, actor }, input) => {
    await removeItem(db, actor, input);
    refresh();
    return {};
  },
});

export const approveAgreementAction = defineAction({
  schema: approveSchema,
  permission: 'agreement.approve',
  run: async ({ db, actor }, input) => {
    await approveAgreement(db, actor, input);
    refresh();
    return {};
  },
});

export const signAgreementAction = defineAction({
  schema: signSchema,
  permission: 'agreement.sign',
  run: async ({ db, actor }, input) => {
    const r = await signAgreement(db, actor, input);
    refresh();
    return { status: r.status };
  },
});

export const amendAgreementAction = defineAction({
  schema: amendSchema,
  permission: 'agreement.draft',
  run: async ({ db, actor }, input) => {
    const a = await amendAgreement(db, actor, input);
    refresh();
    return { agreementId: a.id };
  },
});

export const saveTemplateAction = defineAction({
  schema: saveTemplateSchema,
  permission: 'agreement.template',
  run: async ({ db, actor }, input) => {
    await saveTemplate(db, actor, input);
    refresh();
    return {};
  },
});

export const reviewProgressAction = defineAction({
  schema: reviewProgressSchema,
  permission: 'progress.verify',
  run: async ({ db, actor }, input) => {
    await reviewProgress(db, actor, input);
    refresh();
    return {};
  },
});

/**
 * Log progress with an optional proof file (multipart form). Not defineAction: it reads a File.
 * No file chosen arrives as an empty part without a name (ignored); an empty file with a name is
 * refused by the checks in logProgress.
 */
export async function logProgressAction(_prev: ActionResult<{ entryId: string }> | null, formData: FormData): Promise<ActionResult<{ entryId: string }>> {
  const values = keptValues(formValues(formData));
  let actor: Actor | null = null;
  try {
    actor = await getActor();
    // No session means no role to go by: the language cookie decides, as in defineAction.
    if (!actor) return { ok: false, message: (await getTranslations('actions'))('sessionEnded'), fieldErrors: {}, values };
    const db = await getDb();
    if (!can(actor.role, 'progress.log')) {
      await writeAudit(db, actor, { action: 'progress.log', outcome: 'denied' });
      return { ok: false, message: new NotFoundError().message, fieldErrors: {}, values };
    }
    const parsed = logProgressSchema.safeParse(values);
    if (!parsed.success) return actor.role === 'participant' ? portalErrorResult(parsed.error, values) : errorResult(parsed.error, values);
    const file = formData.get('proof');
    let proof: { name: string; bytes: Uint8Array } | null = null;
    if (file instanceof File && (file.size > 0 || file.name !== '')) proof = { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) };
    const r = await logProgress(db, actor, parsed.data, proof);
    refresh();
    return { ok: true, data: { entryId: r.entry.id } };
  } catch (err) {
    unstable_rethrow(err);
    return actor?.role === 'participant' ? portalErrorResult(err, values) : errorResult(err, values);
  }
}
