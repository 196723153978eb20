import { describe, expect, it } from 'vitest';
import { proposalTokenSchema } from '@/db/queries/hearings';

const ids = ['0190a6f0-0000-7000-8000-000000000001', '0190a6f0-0000-7000-8000-000000000002', '0190a6f0-0000-7000-8000-000000000003'];
const token = (start: number | string) => `${start}|${ids[0]}|${ids[1]}|${ids[2]}|`;

describe('the proposal token a scheduling form posts back', () => {
  it('reads a proposed time and its panel', () => {
    const start = Date.UTC(2027, 2, 4, 23, 0) / 60_000;
    expect(proposalTokenSchema.parse(token(start))).toEqual({ startsAt: new Date('2027-03-04T23:00:00Z'), venueId: ids[0], chairId: ids[1], memberIds: [ids[2]], alternateId: null });
  });

  it('refuses an edited start that is no real date or outside the years a hearing can be booked', () => {
    for (const start of [200_000_000_000, -1, 0, Date.UTC(1999, 11, 31) / 60_000, Date.UTC(2100, 0, 1) / 60_000, '1e12', 'NaN', '']) {
      const r = proposalTokenSchema.safeParse(token(start));
      expect(r.success, String(start)).toBe(false);
      expect(r.error?.issues[0].message).toBe('Pick one of the proposed times.');
    }
  });
});
