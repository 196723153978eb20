'use server';

import { revalidatePath } from 'next/cache';
import { preferencePresets, type PreferencePreset } from '@/db/queries/participant-preferences';
import {
  confirmAttendance,
  confirmAttendanceSchema,
  helpRequestSchema,
  myPreferencesSchema,
  requestHelp,
  requestReschedule,
  rescheduleRequestSchema,
  RESCHEDULE_REASONS,
  saveMyPreferences,
  submitFairnessSurvey,
  surveySchema,
} from '@/db/queries/portal';
import { definePortalAction } from '@/lib/portal/action';

/** Checkbox lists arrive as `<list>_<option>=on`; the data functions take arrays. */
const picked = <K extends string>(raw: Record<string, string>, list: string, options: readonly K[]) => options.filter((o) => raw[`${list}_${o}`] === 'on');

export const confirmAttendanceAction = definePortalAction({
  schema: confirmAttendanceSchema,
  permission: 'portal.use',
  success: 'confirmed',
  run: async ({ db, actor }, input) => {
    const r = await confirmAttendance(db, actor, input);
    revalidatePath('/portal');
    return r;
  },
});

export const requestRescheduleAction = definePortalAction({
  schema: rescheduleRequestSchema,
  permission: 'portal.use',
  success: 'rescheduleSent',
  prepare: (raw) => ({ ...raw, reasons: picked(raw, 'reasons', RESCHEDULE_REASONS) }),
  run: async ({ db, actor }, input) => {
    const r = await requestReschedule(db, actor, input);
    revalidatePath('/portal');
    return r;
  },
});

export const requestHelpAction = definePortalAction({
  schema: helpRequestSchema,
  permission: 'portal.use',
  success: 'helpSent',
  run: async ({ db, actor }, input) => requestHelp(db, actor, input),
});

export const submitSurveyAction = definePortalAction({
  schema: surveySchema,
  permission: 'portal.use',
  success: 'surveyThanks',
  run: async ({ db, actor }, input) => {
    const r = await submitFairnessSurvey(db, actor, input);
    revalidatePath('/portal');
    return r;
  },
});

export const savePreferencesAction = definePortalAction({
  schema: myPreferencesSchema,
  permission: 'portal.use',
  success: 'availabilitySaved',
  prepare: (raw) => ({ ...raw, presets: picked(raw, 'presets', Object.keys(preferencePresets) as PreferencePreset[]) }),
  run: async ({ db, actor }, input) => {
    const r = await saveMyPreferences(db, actor, input);
    revalidatePath('/portal/availability');
    return r;
  },
});
