import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { jurisdictions, outbox, smsOptOuts } from '@/db/schema';
import type { Locale } from '@/db/schema/users';
import { maskPhone } from '@/lib/notify/phone';
import type { Db } from '../types';
import { writeAudit } from './audit';

export type SmsKeyword = 'stop' | 'start' | 'help';

/** Who we last texted at this number: decides the reply's language and program name. */
export async function lastSenderFor(db: Db, phone: string): Promise<{ locale: Locale; programName: string; helpPhone: string; jurisdictionId: string } | null> {
  const [row] = await db
    .select({ locale: outbox.locale, jurisdictionId: outbox.jurisdictionId, settings: jurisdictions.settings })
    .from(outbox)
    .innerJoin(jurisdictions, eq(jurisdictions.id, outbox.jurisdictionId))
    .where(and(eq(outbox.channel, 'sms'), eq(outbox.toAddress, phone)))
    .orderBy(desc(outbox.createdAt))
    .limit(1);
  return row ? { locale: row.locale, programName: row.settings.programName, helpPhone: row.settings.helpPhone, jurisdictionId: row.jurisdictionId } : null;
}

/**
 * Apply a STOP or START reply at once, in one transaction: the opt-out row, and for STOP every
 * pending text to that number is skipped right away (the worker also checks before each send,
 * which catches rows whose number was only known at send time). HELP changes nothing.
 */
export async function applySmsKeyword(db: Db, input: { phone: string; keyword: SmsKeyword; rawKeyword: string; now?: Date }) {
  const now = input.now ?? new Date();
  if (input.keyword === 'help') return { skipped: 0 };
  return db.transaction(async (tx) => {
    const stop = input.keyword === 'stop';
    await tx
      .insert(smsOptOuts)
      .values({ phone: input.phone, optedOut: stop, optedOutAt: stop ? now : null, optedInAt: stop ? null : now, source: 'keyword', lastKeyword: input.rawKeyword, updatedAt: now })
      .onConflictDoUpdate({
        target: smsOptOuts.phone,
        set: stop
          ? { optedOut: true, optedOutAt: now, source: 'keyword', lastKeyword: input.rawKeyword, updatedAt: now }
          : { optedOut: false, optedInAt: now, source: 'keyword', lastKeyword: input.rawKeyword, updatedAt: now },
      });
    let skipped = 0;
    if (stop) {
      const rows = await tx
        .update(outbox)
        .set({ status: 'skipped', lastErrorCode: 'opted_out', lastError: `The number replied ${input.rawKeyword}`, updatedAt: now })
        .where(and(eq(outbox.channel, 'sms'), eq(outbox.status, 'pending'), eq(outbox.toAddress, input.phone)))
        .returning({ jurisdictionId: outbox.jurisdictionId });
      skipped = rows.length;
    }
    const sender = await lastSenderFor(tx, input.phone);
    await writeAudit(tx, null, {
      action: stop ? 'sms.opt_out' : 'sms.opt_in',
      entityType: 'phone',
      entityId: maskPhone(input.phone),
      jurisdictionId: sender?.jurisdictionId ?? null,
      details: { keyword: input.rawKeyword, pendingSkipped: skipped },
    });
    return { skipped };
  });
}

/** Opt-out state of some numbers, for the coordinator's view. */
export async function optOutStates(db: Db, phones: string[]) {
  if (phones.length === 0) return new Map<string, { optedOut: boolean; at: Date | null }>();
  const rows = await db
    .select()
    .from(smsOptOuts)
    .where(inArray(smsOptOuts.phone, phones));
  return new Map(rows.map((r) => [r.phone, { optedOut: r.optedOut, at: r.optedOut ? r.optedOutAt : r.optedInAt }]));
}
