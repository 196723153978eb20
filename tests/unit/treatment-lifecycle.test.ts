import { describe, expect, it } from 'vitest';
import { canMoveTreatment, terminalTreatmentStatuses, treatmentStatuses, treatmentTransitions } from '@/lib/domain/treatment-lifecycle';

describe('treatment referral lifecycle', () => {
  it('follows referred → intake scheduled → attended intake → engaged → completed', () => {
    const path = ['referred', 'intake_scheduled', 'attended_intake', 'engaged', 'completed'] as const;
    for (let i = 1; i < path.length; i++) expect(canMoveTreatment(path[i - 1], path[i])).toBe(true);
  });
  it('ends in completed, discharged or declined, which never move again; nothing moves backwards', () => {
    expect([...terminalTreatmentStatuses].sort()).toEqual(['completed', 'declined', 'discharged']);
    for (const s of treatmentStatuses) for (const to of treatmentTransitions[s]) expect(treatmentStatuses.indexOf(to)).toBeGreaterThan(treatmentStatuses.indexOf(s));
    for (const s of treatmentStatuses.filter((x) => !terminalTreatmentStatuses.includes(x))) expect(canMoveTreatment(s, 'discharged') || s === 'referred').toBe(true);
  });
  it('declining is possible only before intake', () => {
    expect(treatmentStatuses.filter((s) => canMoveTreatment(s, 'declined'))).toEqual(['referred', 'intake_scheduled']);
  });
});
