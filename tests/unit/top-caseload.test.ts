import { describe, expect, it } from 'vitest';
import { topCaseload } from '@/lib/outcomes/dashboard-tables';

const boards = (n: number) => Array.from({ length: n }, (_, i) => ({ boardId: `b${i}`, board: `Board ${String(i).padStart(3, '0')}`, count: (i * 7) % 23 }));

describe('active caseload on the dashboard chart', () => {
  it('keeps every board, in the given order, when there are few', () => {
    const rows = boards(12);
    expect(topCaseload(rows, 12)).toEqual(rows);
  });

  it('shows the largest caseloads and one row summing the rest when there are many', () => {
    const rows = boards(390);
    const shown = topCaseload(rows, 12);
    expect(shown).toHaveLength(13);
    const top = shown.slice(0, 12);
    expect(top.map((r) => r.count)).toEqual(top.map((r) => r.count).toSorted((a, b) => b - a));
    expect(Math.min(...top.map((r) => r.count))).toBeGreaterThanOrEqual(Math.max(...rows.filter((r) => !top.some((t) => t.board === r.board)).map((r) => r.count)));
    expect(shown[12]).toEqual({ board: null, count: rows.reduce((n, r) => n + r.count, 0) - top.reduce((n, r) => n + r.count, 0), others: 378 });
  });

  it('breaks ties by board name so the chart does not reshuffle between loads', () => {
    const rows = [{ board: 'C', count: 5 }, { board: 'A', count: 5 }, { board: 'B', count: 5 }];
    expect(topCaseload(rows, 2).map((r) => r.board)).toEqual(['A', 'B', null]);
  });
});
