import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseStatuses, checkTransition, isTerminal, returnReasons, transitions, type CaseStatus, type ReturnReason } from '@/lib/domain/case-lifecycle';

describe('case lifecycle', () => {
  it('allows the happy path from referral to completion', () => {
    const path: CaseStatus[] = ['referred', 'eligible', 'offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed'];
    for (let i = 1; i < path.length; i++) expect(checkTransition(path[i - 1], path[i])).toEqual({ ok: true });
  });

  it('refuses skipping steps with a message naming what is allowed', () => {
    const r = checkTransition('referred', 'completed');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/cannot become completed.*It can become: eligible, ineligible, needs review/);
  });

  it('requires a reason to return a case, and one that fits where it is', () => {
    expect(checkTransition('offered', 'returned').ok).toBe(false);
    expect(checkTransition('offered', 'returned', 'declined').ok).toBe(true);
    expect(checkTransition('offered', 'returned', 'unsuccessful').ok).toBe(false);
    expect(checkTransition('in_progress', 'returned', 'unsuccessful').ok).toBe(true);
    expect(checkTransition('eligible', 'offered', 'declined').ok).toBe(false);
  });

  it('never moves a terminal case (property: any target, any reason)', () => {
    fc.assert(
      fc.property(fc.constantFrom<CaseStatus>('completed', 'returned'), fc.constantFrom(...caseStatuses), fc.option(fc.constantFrom(...returnReasons)), (from, to, reason) => {
        const r = checkTransition(from, to, reason);
        return !r.ok && /can no longer change/.test(r.message);
      }),
    );
  });

  /**
   * Model-based: apply random commands to a case; the model (the table read directly) and the
   * checker must agree at every step, the case never leaves a terminal state, and every reachable
   * status has a way forward unless it is terminal.
   */
  it('agrees with the transition table over random command sequences', () => {
    const command = fc.record({ to: fc.constantFrom(...caseStatuses), reason: fc.option(fc.constantFrom(...returnReasons), { nil: null }) });
    fc.assert(
      fc.property(fc.array(command, { maxLength: 40 }), (cmds) => {
        let status: CaseStatus = 'referred';
        const history: CaseStatus[] = [status];
        for (const { to, reason } of cmds) {
          const verdict = checkTransition(status, to, reason as ReturnReason | null);
          const tableAllows = !isTerminal(status) && transitions[status].includes(to) && ((to === 'returned') === (reason !== null));
          if (verdict.ok && !tableAllows) return false;
          if (verdict.ok) {
            status = to;
            history.push(status);
          }
          if (!isTerminal(status) && transitions[status].length === 0) return false;
        }
        const firstTerminal = history.findIndex(isTerminal);
        return firstTerminal === -1 || firstTerminal === history.length - 1;
      }),
      { numRuns: 2000 },
    );
  });

  it('can reach every status from referred', () => {
    const seen = new Set<CaseStatus>(['referred']);
    const queue: CaseStatus[] = ['referred'];
    while (queue.length) {
      for (const next of transitions[queue.shift()!]) {
        if (seen.has(next)) continue;
        seen.add(next);
        queue.push(next);
      }
    }
    expect([...seen].sort()).toEqual([...caseStatuses].sort());
  });
});
