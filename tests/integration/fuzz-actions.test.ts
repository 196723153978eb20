/**
 * Property-based fuzzing of EVERY exported server action (issue 9, point 5). The list comes from the
 * authorization policy (tests/authz/policy.ts), the same table the coverage meta-test checks against
 * the source tree, so an action added later is fuzzed without touching this file.
 *
 * Each action is called in-process, as the demo account of the first role its policy row allows,
 * with forms built from its known-harmless probe fields (a stale version, an out-of-scope id) and
 * its input field names (from its zod schema and its source) where fast-check replaces, drops,
 * repeats and adds fields with hostile values (tests/helpers/hostile.ts). For every input:
 *   - the action answers `{ ok: false, message }` with a clear message (no stack trace, file path,
 *     SQL or driver text, not the generic "something went wrong" of an unexpected error), or
 *     redirects / answers ok when the input happens to be valid;
 *   - nothing is logged as an unexpected error;
 *   - when refused, the database is unchanged: the row count and md5 of every table (the audit log
 *     aside, which records refused attempts by design).
 * Runs per action: FUZZ_RUNS (default 12; `FUZZ_RUNS=500 npx vitest run tests/integration/fuzz-actions.test.ts`).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpenDb } from '@/db/open';
import { policy, type ActionRow } from '../authz/policy';
import { changedTables, tableChecksums } from '../helpers/db-checksum';
import { demoActors, demoFixtureIds, fuzzState, nextControlFlow, probeFields, roleFor, useTestDb } from '../helpers/fuzz-harness';
import { describeForm, formKeysInSource, hostileForm, LEAK, toFormData, zodKeys } from '../helpers/hostile';
import { createTestDb } from '../helpers/test-db';

vi.mock('next/cache', async () => (await import('../helpers/next-request-mocks')).nextCacheMock());
vi.mock('next/headers', async () => (await import('../helpers/next-request-mocks')).nextHeadersMock('fuzz'));
vi.mock('next-intl/server', async () => (await import('../helpers/next-request-mocks')).nextIntlServerMock());
vi.mock('@/lib/auth/session', async (importOriginal) =>
  (await import('../helpers/next-request-mocks')).sessionMock(await importOriginal(), 'fuzz'),
);
vi.mock('@/lib/actions', async (importOriginal) => {
  const orig = await importOriginal<typeof import('@/lib/actions')>();
  return {
    ...orig,
    defineAction: (opts: Parameters<typeof orig.defineAction>[0]) => {
      const fn = orig.defineAction(opts);
      (globalThis as unknown as { __cgFuzz: { defined: WeakMap<object, unknown> } }).__cgFuzz.defined.set(fn, { schema: opts.schema, permission: opts.permission });
      return fn;
    },
  };
});

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/** Per action/method: generous, so a long FUZZ_RUNS pass is not cut off on a busy machine. */
const TIMEOUT = Math.max(120_000, RUNS * 10_000);
const actionRows = policy.filter((r): r is ActionRow => r.kind === 'action');
/**
 * Tables that record refused attempts by design: the audit log (denied and failed actions) and the
 * per-account failure counters of the lockout (a wrong current password counts).
 */
const BOOKKEEPING = ['audit_log', 'user_security'];
const GENERIC = /Something went wrong on our side/;

let t: OpenDb;
let actors: Awaited<ReturnType<typeof demoActors>>;
const tally = { actions: 0, inputs: 0, refused: 0, accepted: 0 };

beforeAll(async () => {
  t = await createTestDb('demo');
  useTestDb(t);
  actors = await demoActors(t.db);
});
afterAll(async () => {
  console.info(`[fuzz-actions] ${tally.actions} actions, ${tally.inputs} inputs: ${tally.refused} refused cleanly, ${tally.accepted} accepted as valid; 0 failures`);
  await t?.close();
});

type Answer = { kind: 'result'; value: unknown } | { kind: 'redirect' | 'notFound' } | { kind: 'threw'; error: unknown };

async function call(fn: (...args: unknown[]) => Promise<unknown>, fd: FormData): Promise<Answer> {
  try {
    // `useActionState` actions take (previous state, form); plain form actions take the form only.
    return { kind: 'result', value: await (fn.length >= 2 ? fn(null, fd) : fn(fd)) };
  } catch (err) {
    const flow = nextControlFlow(err);
    return flow ? { kind: flow } : { kind: 'threw', error: err };
  }
}

describe('every server action refuses hostile input cleanly and changes nothing', () => {
  it('fuzzes every action row of the policy (the meta-test ties these rows to the source)', () => {
    expect(actionRows.length).toBeGreaterThan(40);
  });

  it.each(actionRows.map((r) => [`${r.file}#${r.exportName}`, r] as const))('%s', async (_name, row) => {
    const mod = (await import(/* @vite-ignore */ `${process.cwd()}/${row.file}`)) as Record<string, unknown>;
    const fn = mod[row.exportName];
    // Not fuzzable = not a callable action: fail loudly so it gets fixed, not skipped.
    expect(typeof fn, `${row.file}#${row.exportName} is not a function`).toBe('function');
    const action = fn as (...args: unknown[]) => Promise<unknown>;
    const role = roleFor(row);
    const actor = actors[role];
    const ids = await demoFixtureIds(t.db, actor.userId);
    const base = probeFields(row, ids);
    const defined = fuzzState.defined.get(action);
    const keys = [...new Set([...zodKeys(defined?.schema), ...formKeysInSource(row.file)])];
    tally.actions++;

    let before = await tableChecksums(t.db, BOOKKEEPING);
    await fc.assert(
      fc.asyncProperty(hostileForm(base, keys), async (entries) => {
        fuzzState.actor = actor;
        fuzzState.cookies.clear();
        const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
        const answer = await call(action, toFormData(entries));
        const logged = errors.mock.calls.map((c) => c.map(String).join(' '));
        errors.mockRestore();
        const where = `${row.exportName} as ${role} with ${describeForm(entries)}`;
        tally.inputs++;
        expect(answer.kind, `${where}: threw ${answer.kind === 'threw' ? String((answer.error as Error)?.stack ?? answer.error) : ''}`).not.toBe('threw');
        expect(logged, `${where}: logged an unexpected error`).toEqual([]);
        const after = await tableChecksums(t.db, BOOKKEEPING);
        const value = answer.kind === 'result' ? (answer.value as { ok?: boolean; message?: unknown; fieldErrors?: Record<string, string[]> } | undefined) : undefined;
        if (answer.kind === 'result' && value && value.ok === false) {
          expect(typeof value.message, where).toBe('string');
          const message = value.message as string;
          expect(message.length, `${where}: empty message`).toBeGreaterThan(3);
          expect(message, `${where}: unexpected error`).not.toMatch(GENERIC);
          expect(message, `${where}: leaks internals`).not.toMatch(LEAK);
          for (const [field, msgs] of Object.entries(value.fieldErrors ?? {})) for (const m of msgs) expect(m, `${where}: field ${field} leaks internals`).not.toMatch(LEAK);
          expect(changedTables(before, after), `${where}: refused, but the database changed`).toEqual([]);
          tally.refused++;
        } else if (answer.kind === 'result' && value === undefined) {
          // Form wrappers return nothing: with hostile input they must change nothing either.
          expect(changedTables(before, after), `${where}: the database changed`).toEqual([]);
          tally.refused++;
        } else {
          // ok: true, a redirect or not-found: the input was valid (or the action takes none).
          if (answer.kind === 'result') expect(value?.ok, where).toBe(true);
          tally.accepted++;
          before = after;
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
  }, TIMEOUT);
});
