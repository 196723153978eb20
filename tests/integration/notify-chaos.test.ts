/**
 * Chaos test of the outbox worker: thousands of due notices, several workers at once, some killed in
 * the middle of a batch — every notice is delivered, and none twice.
 * - On PostgreSQL (TEST_DATABASE_URL): 10,000 notices, worker *processes* (`scripts/worker.ts` via
 *   tsx, as `npm run worker` runs it), SIGKILLed while sending and replaced. NOTIFY_CHAOS_N=100000
 *   runs a larger one.
 * - On PGlite (one process by design): 1,000 notices, concurrent worker loops in this process, two of
 *   which "die" (hang forever) right after the provider accepted a message.
 * The stand-in providers dedupe on the idempotency key and count requests per key, so "delivered
 * twice" would show as a second delivery of one key; resends the dedupe absorbed are reported.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { count, ne, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { OpenDb } from '@/db/open';
import { enqueueNotices, type EnqueueNoticeInput } from '@/db/queries/outbox';
import { outbox } from '@/db/schema';
import type { Transport } from '@/lib/notify/transports';
import { startNotificationWorker } from '@/lib/notify/worker';
import { makeJurisdiction, makeParticipant, defaultSettings } from '../helpers/factories';
import { testTransports } from '../helpers/notify-factories';
import { startSmsProvider, startSmtpServer, type SmsProvider, type SmtpStandIn } from '../helpers/notify-providers';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
let sms: SmsProvider;
let smtp: SmtpStandIn;
beforeAll(async () => {
  [t, sms, smtp] = await Promise.all([createTestDb('empty'), startSmsProvider(), startSmtpServer()]);
});
afterAll(async () => {
  await Promise.all([t?.close(), sms?.close(), smtp?.close()]);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** N due notices: 100 participants, one in five notices by email, the rest by text. */
async function enqueueMany(n: number) {
  // No quiet hours, so the test passes at any hour of the day.
  const j = await makeJurisdiction(t.db, { settings: { ...defaultSettings, smsQuietHours: { start: '00:00', end: '00:00' } } });
  const people = [];
  for (let i = 0; i < 100; i++) {
    people.push(await makeParticipant(t.db, { jurisdictionId: j.id, phone: `816555${String(2000 + i)}`, email: `p${i}@chaos.test`, preferredLanguage: i % 3 === 0 ? 'es' : 'en' }));
  }
  const inputs: EnqueueNoticeInput[] = [];
  for (let k = 0; k < n; k++) {
    const p = people[k % people.length];
    inputs.push({
      jurisdictionId: j.id,
      recipient: { kind: 'participant', id: p.id },
      channel: k % 5 === 0 ? 'email' : 'sms',
      // A template with no "still due?" resolver: this test is about delivery, not about which
      // notices still apply (an obligation notice for an obligation that does not exist is skipped).
      template: 'agreement.signed',
      data: { agreementId: `a-${k}`, endsOn: '2027-03-01', itemCount: (k % 7) + 1 },
      idempotencyKey: `chaos:${k}`,
      sendAfter: new Date(Date.now() - 60_000),
    });
  }
  for (let k = 0; k < inputs.length; k += 2000) await t.db.transaction((tx) => enqueueNotices(tx, inputs.slice(k, k + 2000)));
  return { emails: inputs.filter((i) => i.channel === 'email').length, texts: inputs.filter((i) => i.channel === 'sms').length };
}

async function unsentCount() {
  const [{ n }] = await t.db.select({ n: count() }).from(outbox).where(ne(outbox.status, 'sent'));
  return n;
}

async function statusCounts() {
  return t.db.select({ status: outbox.status, code: outbox.lastErrorCode, n: count() }).from(outbox).groupBy(outbox.status, outbox.lastErrorCode);
}

async function expectEachDeliveredOnce(n: number, counts: { emails: number; texts: number }) {
  const rows = await t.db.select({ key: outbox.idempotencyKey, channel: outbox.channel, status: outbox.status, pmid: outbox.providerMessageId }).from(outbox);
  expect(rows).toHaveLength(n);
  expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
  // Every text key reached the provider's delivered list exactly once, and the row holds its sid.
  const textKeys = sms.deliveries.map((d) => d.key);
  expect(new Set(textKeys).size).toBe(textKeys.length);
  expect(textKeys.length).toBe(counts.texts);
  const sidByKey = new Map(sms.deliveries.map((d) => [d.key, d.sid]));
  for (const r of rows.filter((x) => x.channel === 'sms')) expect(r.pmid).toBe(sidByKey.get(r.key));
  // Every email arrived once (by Message-ID, which is derived from the key).
  const mailIds = smtp.deliveries.map((d) => d.messageId);
  expect(new Set(mailIds).size).toBe(mailIds.length);
  expect(mailIds.length).toBe(counts.emails);
  for (const r of rows.filter((x) => x.channel === 'email')) expect(mailIds).toContain(r.pmid);
}

describe('outbox worker under chaos', () => {
  it('every notice is delivered and none twice, while workers are killed mid-batch', { timeout: 600_000 }, async () => {
    const pg = inject('pgTemplates');
    const n = Number(process.env.NOTIFY_CHAOS_N ?? (pg ? 10_000 : 1_000));
    const t0 = Date.now();
    const counts = await enqueueMany(n);
    const tEnqueued = Date.now();
    let kills = 0;

    if (pg) {
      const { rows } = (await t.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] };
      const url = new URL(pg.adminUrl);
      url.pathname = `/${rows[0].name}`;
      const batchSize = 100;
      const logs: string[] = [];
      const children = new Set<ChildProcess>();
      const spawnWorker = (i: number) => {
        // `npm run worker` without the tsx CLI wrapper, so SIGKILL hits the worker itself, not a parent.
        const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
          cwd: process.cwd(),
          env: {
            ...process.env,
            DATABASE_URL: url.toString(),
            SMTP_URL: smtp.url,
            SMTP_FROM: 'notices@chaos.test',
            SMS_PROVIDER_URL: sms.url,
            SMS_ACCOUNT_SID: sms.accountSid,
            SMS_AUTH_TOKEN: sms.authToken,
            SMS_FROM: sms.from,
            NOTIFY_WORKER_ID: `w${i}`,
            NOTIFY_BATCH_SIZE: String(batchSize),
            NOTIFY_CONCURRENCY: '16',
            NOTIFY_LEASE_MS: '8000',
            NOTIFY_INTERVAL_MS: '200',
            NOTIFY_QUIET_LOG: '1',
            DATABASE_POOL_SIZE: '18',
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        child.stdout!.on('data', (b: Buffer) => logs.push(b.toString()));
        child.stderr!.on('data', (b: Buffer) => logs.push(b.toString()));
        children.add(child);
        child.once('exit', () => children.delete(child));
        return child;
      };
      const workers = [0, 1, 2, 3].map(spawnWorker);
      const delivered = () => sms.deliveries.length + smtp.deliveries.length;
      // Kill a worker at 20 %, 45 % and 70 % of the way, each while it is sending, and start a fresh one.
      let nextWorker = 4;
      for (const share of [0.2, 0.45, 0.7]) {
        const waitUntil = Date.now() + 300_000;
        while (delivered() < n * share) {
          // Fail with the reason rather than wait out the test timeout: notices that stopped being
          // "pending" without being sent (skipped, failed) will never be delivered.
          if (Date.now() > waitUntil || (await unsentCount()) === 0) throw new Error(`stalled at ${delivered()} of ${n}: ${JSON.stringify(await statusCounts())}; worker output:\n${logs.join('').slice(-4000)}`);
          await sleep(200);
        }
        const victim = workers.find((w) => w.exitCode === null && w.signalCode === null)!;
        victim.kill('SIGKILL');
        kills++;
        workers.push(spawnWorker(nextWorker++));
      }
      const deadline = Date.now() + 500_000;
      while ((await unsentCount()) > 0) {
        if (Date.now() > deadline) throw new Error(`not done in time: ${JSON.stringify(await statusCounts())}; worker output:\n${logs.join('').slice(-4000)}`);
        await sleep(500);
      }
      const tDone = Date.now();
      // The survivors stop gracefully on SIGTERM.
      const exits = [...children].map((c) => new Promise<string>((r) => c.once('exit', (code, signal) => r(`${code}/${signal}`))));
      for (const c of children) c.kill('SIGTERM');
      expect(await Promise.all(exits), logs.join('').slice(-3000)).toEqual(exits.map(() => '0/null'));
      await expectEachDeliveredOnce(n, counts);
      const dups = sms.duplicateRequests() + smtp.duplicateRequests();
      // Resends happen only for rows that were in flight in a killed worker's batch.
      expect(dups).toBeLessThanOrEqual(kills * batchSize);
      console.log(
        `[chaos/postgres] ${n} notices (${counts.texts} SMS, ${counts.emails} email), 4 worker processes, ${kills} SIGKILLed mid-batch and replaced: ` +
          `enqueue ${((tEnqueued - t0) / 1000).toFixed(1)} s, delivery ${((tDone - tEnqueued) / 1000).toFixed(1)} s ` +
          `(${Math.round(n / ((tDone - tEnqueued) / 1000))}/s); resends absorbed by provider dedupe: ${dups}; delivered twice: 0`,
      );
      return;
    }

    // PGlite: concurrent loops in this process; two of them die right after a provider accepted.
    const real = testTransports({ sms, smtp });
    const dying = (after: number): Transport => {
      let sent = 0;
      return {
        name: 'sms-http',
        send: async (m) => {
          const res = await real.sms.send(m);
          if (++sent >= after) return new Promise(() => {}); // dies: never records anything again
          return res;
        },
      };
    };
    // The lease must outlast a whole pass (rows wait for the ones before them), even on a busy CI box.
    const common = { db: t.db, batchSize: 20, concurrency: 4, leaseMs: 6_000, intervalMs: 20, log: () => {} };
    const doomed = [startNotificationWorker({ ...common, transports: { ...real, sms: dying(150) }, workerId: 'doomed-1' }), startNotificationWorker({ ...common, transports: { ...real, sms: dying(400) }, workerId: 'doomed-2' })];
    const healthy = [startNotificationWorker({ ...common, transports: real, workerId: 'ok-1' }), startNotificationWorker({ ...common, transports: real, workerId: 'ok-2' })];
    kills = doomed.length;
    const deadline = Date.now() + 240_000;
    while ((await unsentCount()) > 0) {
      if (Date.now() > deadline) throw new Error(`not done in time: ${JSON.stringify(await statusCounts())}`);
      await sleep(200);
    }
    const tDone = Date.now();
    await Promise.all(healthy.map((w) => w.stop()));
    await expectEachDeliveredOnce(n, counts);
    const dups = sms.duplicateRequests() + smtp.duplicateRequests();
    expect(dups).toBeLessThanOrEqual(kills * 20);
    const [{ reclaimed }] = await t.db.select({ reclaimed: count() }).from(outbox).where(sql`${outbox.attempts} > 1`);
    expect(reclaimed).toBeGreaterThan(0);
    console.log(
      `[chaos/pglite] ${n} notices, 4 worker loops, ${kills} died mid-batch: delivery ${((tDone - tEnqueued) / 1000).toFixed(1)} s; ` +
        `${reclaimed} rows reclaimed after a lease expired; resends absorbed by provider dedupe: ${dups}; delivered twice: 0`,
    );
  });
});
