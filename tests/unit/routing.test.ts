import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { routeCase, type RoutingBoard } from '@/lib/domain/routing';

const board = (o: Partial<RoutingBoard> & { id: string; name: string }): RoutingBoard => ({ language: 'en', active: true, monthlyCapacity: 12, load: 0, areas: [], ...o });
const northeast = board({ id: 'ne', name: 'Northeast', areas: [{ zip: '64124', neighborhood: 'Northeast' }, { zip: '64123', neighborhood: 'Pendleton Heights' }] });
const westside = board({ id: 'ws', name: 'Westside', areas: [{ zip: '64108', neighborhood: 'Westside' }] });
const espanol = board({ id: 'es', name: 'Westside en Español', language: 'es', monthlyCapacity: 8 });

describe('routing', () => {
  it('picks the board that serves the ZIP and explains why', () => {
    const r = routeCase({ zip: '64124', preferredLanguage: 'en' }, [westside, northeast, espanol]);
    expect(r).toMatchObject({ ok: true, boardId: 'ne' });
    if (r.ok) expect(r.explanation).toBe('Northeast serves ZIP 64124 (Northeast); 0 of 12 cases this month.');
  });

  it('sends a participant who asked for Spanish to the Spanish-speaking board', () => {
    const r = routeCase({ zip: '64124', preferredLanguage: 'es' }, [westside, northeast, espanol]);
    expect(r).toMatchObject({ ok: true, boardId: 'es' });
    if (r.ok) expect(r.explanation).toMatch(/asked for Spanish.*holds hearings in Spanish/);
  });

  it('falls back to the neighborhood board (with an interpreter note) when the Spanish board is full', () => {
    const r = routeCase({ zip: '64124', preferredLanguage: 'es' }, [northeast, { ...espanol, load: 8 }]);
    expect(r).toMatchObject({ ok: true, boardId: 'ne' });
    if (r.ok) expect(r.explanation).toMatch(/interpreter/);
  });

  it('leaves the case for the coordinator when the local board is full or no board serves the ZIP', () => {
    expect(routeCase({ zip: '64124', preferredLanguage: 'en' }, [{ ...northeast, load: 12 }])).toEqual({ ok: false, reason: expect.stringMatching(/at its monthly capacity: Northeast \(12 of 12/) });
    expect(routeCase({ zip: '64999', preferredLanguage: 'en' }, [northeast])).toEqual({ ok: false, reason: expect.stringMatching(/No active board serves ZIP 64999/) });
    expect(routeCase({ zip: '64124', preferredLanguage: 'en' }, [{ ...northeast, active: false }]).ok).toBe(false);
  });

  const zips = ['64101', '64102', '64103', '64104'];
  const boardsArb = fc
    .uniqueArray(
      fc.record({
        id: fc.uuid(),
        name: fc.string({ minLength: 1, maxLength: 8 }),
        language: fc.constantFrom('en' as const, 'es' as const),
        active: fc.boolean(),
        monthlyCapacity: fc.integer({ min: 0, max: 5 }),
        load: fc.integer({ min: 0, max: 6 }),
        areas: fc.subarray(zips).map((zs) => zs.map((zip) => ({ zip, neighborhood: `N${zip}` }))),
      }),
      { selector: (b) => b.id, maxLength: 6 },
    );

  it('property: a chosen board is active, has room, and serves the ZIP or speaks the requested Spanish; deterministic in any order', () => {
    fc.assert(
      fc.property(boardsArb, fc.constantFrom(...zips), fc.constantFrom('en' as const, 'es' as const), (boards, zip, lang) => {
        const r = routeCase({ zip, preferredLanguage: lang }, boards);
        const reversed = routeCase({ zip, preferredLanguage: lang }, [...boards].reverse());
        expect(reversed).toEqual(r);
        if (!r.ok) {
          // Nothing eligible was ignored: no serving board with room, and (for Spanish) no Spanish board with room.
          const room = (b: (typeof boards)[number]) => b.active && b.load < b.monthlyCapacity;
          expect(boards.some((b) => room(b) && b.areas.some((a) => a.zip === zip))).toBe(false);
          if (lang === 'es') expect(boards.some((b) => room(b) && b.language === 'es')).toBe(false);
          return;
        }
        const b = boards.find((x) => x.id === r.boardId)!;
        expect(b.active).toBe(true);
        expect(b.load).toBeLessThan(b.monthlyCapacity);
        expect(b.areas.some((a) => a.zip === zip) || (lang === 'es' && b.language === 'es')).toBe(true);
        if (lang === 'es' && boards.some((x) => x.active && x.language === 'es' && x.load < x.monthlyCapacity)) expect(b.language).toBe('es');
      }),
      { numRuns: 500 },
    );
  });
});
