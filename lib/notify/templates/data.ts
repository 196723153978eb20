/**
 * The notice templates and the data each one takes. The schemas check data when a notice is
 * enqueued and again when it is rendered (a resolver may have replaced it), so a template never
 * renders half a message.
 */
import { z } from 'zod';

const isoInstant = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

export const hearingDataSchema = z.object({
  hearingId: z.string().min(1).max(100),
  startsAt: isoInstant,
  endsAt: isoInstant,
  /**
   * Venue name and room as the venue is named (not translated). Null when there is no place to
   * name: then `locationCode` says why, and the template words it in the recipient's language.
   * Notices queued before `locationCode` existed carry the English "Video meeting" or "To be
   * confirmed" here; templates read those as the codes (see `locationCodeOf` in ./catalog).
   */
  location: z.string().min(1).max(200).nullish(),
  locationCode: z.enum(['video', 'to_be_confirmed']).nullish(),
  address: z.string().max(300).nullish(),
  videoUrl: z.url().max(500).nullish(),
  boardName: z.string().max(120).nullish(),
  /** iCalendar SEQUENCE: bump it whenever the hearing changes so calendars replace the old entry. */
  sequence: z.number().int().min(0).default(0),
});
export type HearingData = z.output<typeof hearingDataSchema>;

export const templateDataSchemas = {
  'hearing.confirmation': hearingDataSchema,
  'hearing.reminder': hearingDataSchema.extend({ lead: z.enum(['7d', '2d', 'day_of']) }),
  'hearing.changed': hearingDataSchema.extend({ previousStartsAt: isoInstant }),
  'hearing.cancelled': hearingDataSchema,
  'hearing.no_show': z.object({ hearingId: z.string().min(1).max(100), missedAt: isoInstant, rescheduleUrl: z.url().max(300) }),
  'obligation.due_soon': z.object({ obligationId: z.string().min(1).max(100), title: z.string().min(1).max(200), dueOn: isoDate }),
  'obligation.overdue': z.object({ obligationId: z.string().min(1).max(100), title: z.string().min(1).max(200), dueOn: isoDate }),
  'agreement.signed': z.object({ agreementId: z.string().min(1).max(100), endsOn: isoDate, itemCount: z.number().int().min(0).max(100) }),
  'case.completed': z.object({}),
  'case.returned': z.object({}),
  // Participant portal: a sign-in code (asked for just now), an invitation link, and a request
  // from a participant ("I need help", "please move my meeting") to the coordinators.
  'auth.sign_in_code': z.object({ code: z.string().regex(/^\d{6}$/), minutes: z.number().int().min(1).max(60) }),
  'auth.invitation': z.object({ url: z.url().max(300), expiresOn: isoDate }),
  'portal.request': z.object({
    kind: z.enum(['help', 'reschedule']),
    participantName: z.string().min(1).max(120),
    caseNumber: z.string().min(1).max(60),
    message: z.string().max(1000),
    url: z.url().max(300),
  }),
} as const;

export type TemplateKey = keyof typeof templateDataSchemas;
export const templateKeys = Object.keys(templateDataSchemas) as TemplateKey[];
export type TemplateData<K extends TemplateKey> = z.input<(typeof templateDataSchemas)[K]>;
export type ParsedTemplateData<K extends TemplateKey> = z.output<(typeof templateDataSchemas)[K]>;

export function isTemplateKey(k: string): k is TemplateKey {
  return Object.hasOwn(templateDataSchemas, k);
}

export function parseTemplateData<K extends TemplateKey>(key: K, data: unknown): ParsedTemplateData<K> {
  return templateDataSchemas[key].parse(data) as ParsedTemplateData<K>;
}
