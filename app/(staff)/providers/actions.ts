'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createProvider, linkLiaison, providerServices, setProviderStatus } from '@/db/queries/treatment';
import { defineAction } from '@/lib/actions';

/** Service checkboxes arrive as service_<name>=on; languages as "en, es". */
const providerFormSchema = z.record(z.string(), z.string()).transform((v) => ({
  ...v,
  services: providerServices.filter((s) => v[`service_${s}`] === 'on'),
  languages: (v.languages ?? '')
    .split(/[\s,]+/)
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean),
}));

export const createProviderAction = defineAction({
  schema: providerFormSchema,
  permission: 'provider.manage',
  run: async ({ db, actor }, input) => {
    const r = await createProvider(db, actor, input as Parameters<typeof createProvider>[2]);
    revalidatePath('/providers');
    return r;
  },
});

export const setProviderStatusAction = defineAction({
  schema: z.object({ providerId: z.uuid(), field: z.enum(['active', 'acceptingNewClients']), value: z.enum(['true', 'false']).transform((v) => v === 'true') }),
  permission: 'provider.manage',
  run: async ({ db, actor }, input) => {
    const r = await setProviderStatus(db, actor, input);
    revalidatePath('/providers');
    return r;
  },
});

export const linkLiaisonAction = defineAction({
  schema: z.object({ providerId: z.uuid(), userId: z.uuid({ error: 'Choose an account.' }) }),
  permission: 'provider.manage',
  run: async ({ db, actor }, input) => {
    const r = await linkLiaison(db, actor, input);
    revalidatePath('/providers');
    return r;
  },
});
