import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finalActions, recordStatus } from '@/lib/domain/record-status';

const DAY = 86_400_000;
const closedAt = new Date('2026-06-01T12:00:00Z');

describe('record status (Missouri rules as data)', () => {
  it('open while in the program; completed closes 30 days later (not charged)', () => {
    expect(recordStatus({ closedAt: null, outcome: null, finalAction: null, finalActionAt: null, refileWindowUntil: null }, closedAt)).toMatchObject({ status: 'open', reason: 'in_program' });
    const done = { closedAt, outcome: 'completed' as const, finalAction: null, finalActionAt: null, refileWindowUntil: null };
    expect(recordStatus(done, new Date(closedAt.getTime() + 29 * DAY))).toMatchObject({ status: 'open' });
    expect(recordStatus(done, new Date(closedAt.getTime() + 30 * DAY))).toMatchObject({ status: 'closed', reason: 'not_charged', citation: 'RSMo 610.100' });
  });

  it('returned cases wait for the prosecutor; refiled stays open; dismissed closes at once', () => {
    const base = { closedAt, outcome: 'unsuccessful' as const, refileWindowUntil: null };
    expect(recordStatus({ ...base, finalAction: null, finalActionAt: null }, new Date(closedAt.getTime() + 400 * DAY))).toMatchObject({ status: 'open', reason: 'awaiting_decision' });
    expect(recordStatus({ ...base, finalAction: 'refiled', finalActionAt: closedAt }, new Date(closedAt.getTime() + 400 * DAY))).toMatchObject({ status: 'open', reason: 'charged' });
    expect(recordStatus({ ...base, finalAction: 'dismissed', finalActionAt: closedAt }, closedAt)).toMatchObject({ status: 'closed', reason: 'dismissed', citation: 'RSMo 610.105' });
  });

  it('a record never closes before the refile window ends, and a closed record stays closed later', () => {
    fc.assert(
      fc.property(fc.constantFrom(...finalActions), fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), (action, windowDays, at, later) => {
        const input = { closedAt, outcome: 'withdrawn' as const, finalAction: action, finalActionAt: closedAt, refileWindowUntil: windowDays ? new Date(closedAt.getTime() + windowDays * DAY) : null };
        const now = new Date(closedAt.getTime() + at * DAY);
        const r = recordStatus(input, now);
        if (r.status === 'closed' && action === 'declined_to_file' && input.refileWindowUntil) expect(r.closedOn.getTime()).toBeGreaterThanOrEqual(input.refileWindowUntil.getTime());
        if (r.status === 'closed') expect(recordStatus(input, new Date(now.getTime() + later * DAY)).status).toBe('closed');
      }),
    );
  });
});
