'use server';

import { revalidatePath } from 'next/cache';
import { addSupportContact, addSupportContactSchema, endSupportContact, endSupportContactSchema, setContactPreference, setContactPreferenceSchema, updateParticipantContact, updateParticipantContactSchema } from '@/db/queries/contact-preferences';
import { retryNotice, retryNoticeSchema } from '@/db/queries/outbox';
import { defineAction } from '@/lib/actions';

export const updateParticipantContactAction = defineAction({
  schema: updateParticipantContactSchema,
  permission: 'contact.manage',
  run: async ({ db, actor }, input) => {
    const r = await updateParticipantContact(db, actor, { ...input, phone: input.phone ?? undefined, email: input.email ?? undefined });
    revalidatePath(`/cases/${input.caseId}`);
    return r;
  },
});

export const setContactPreferenceAction = defineAction({
  schema: setContactPreferenceSchema,
  permission: 'contact.manage',
  run: async ({ db, actor }, input) => {
    const r = await setContactPreference(db, actor, { ...input, emailEnabled: input.emailEnabled ? 'true' : 'false', smsEnabled: input.smsEnabled ? 'true' : 'false' });
    revalidatePath(`/cases/${input.caseId}`);
    return r;
  },
});

export const addSupportContactAction = defineAction({
  schema: addSupportContactSchema,
  permission: 'contact.manage',
  run: async ({ db, actor }, input) => {
    const r = await addSupportContact(db, actor, { ...input, phone: input.phone ?? undefined, email: input.email ?? undefined });
    revalidatePath(`/cases/${input.caseId}`);
    return r;
  },
});

const endSupportContactAction = defineAction({
  schema: endSupportContactSchema,
  permission: 'contact.manage',
  run: async ({ db, actor }, input) => {
    const r = await endSupportContact(db, actor, input);
    revalidatePath(`/cases/${input.caseId}`);
    return r;
  },
});

const retryNoticeAction = defineAction({
  schema: retryNoticeSchema,
  permission: 'contact.manage',
  run: async ({ db, actor }, input) => {
    const r = await retryNotice(db, actor, input);
    revalidatePath(`/cases/${input.caseId}`);
    revalidatePath('/notices');
    return r;
  },
});

/** Plain-form variants (work without client JavaScript); the page re-renders with the result. */
export async function endSupportContactFormAction(formData: FormData): Promise<void> {
  await endSupportContactAction(null, formData);
}

export async function retryNoticeFormAction(formData: FormData): Promise<void> {
  await retryNoticeAction(null, formData);
}
