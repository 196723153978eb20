import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { listCaseHearings } from '@/db/queries/hearings';
import { getParticipantPreferences } from '@/db/queries/participant-preferences';
import { listOpenTasks } from '@/db/queries/tasks';
import { actorOf } from '../helpers/factories';
import { makeAssignedCase, makeSchedulingWorld } from '../helpers/scheduling-factories';
import { NotFoundError } from '@/lib/errors';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => {
  await t?.close();
});

// The case scheduling page (/cases/{id}/schedule, /board/cases/{id}/schedule) reads these with the
// id from the URL. A truncated or mistyped link must be "not found", not a database error (a 500).
describe('case scheduling reads with an id from the URL', () => {
  it('a malformed case id is not found; a real one still reads', async () => {
    const w = await makeSchedulingWorld(t.db);
    const c = await makeAssignedCase(t.db, w);
    for (const bad of ['not-a-uuid', `${c.id.slice(0, 35)}`, `${c.id}x`, '']) {
      await expect(listCaseHearings(t.db, w.coord, bad)).rejects.toBeInstanceOf(NotFoundError);
      await expect(getParticipantPreferences(t.db, w.coord, bad)).rejects.toBeInstanceOf(NotFoundError);
      await expect(listOpenTasks(t.db, w.coord, { caseId: bad })).resolves.toEqual([]);
    }
    await expect(listCaseHearings(t.db, w.coord, c.id)).resolves.toEqual([]);
    await expect(listCaseHearings(t.db, actorOf(w.chair), c.id)).resolves.toEqual([]);
    await expect(getParticipantPreferences(t.db, w.coord, c.id)).resolves.toBeNull();
  });
});
