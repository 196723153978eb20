/**
 * `npm run bench -- --scale-out`: two `next start` instances and two outbox workers (`npm run worker`)
 * against one PostgreSQL database, and what must hold across them (issue 10):
 * - sessions: a session cookie keyed by the instances' shared secret works on both instances, and
 *   once the session is revoked (server-side row) the other instance refuses it on its next request;
 * - shared DATA_DIR: with no NEXTAUTH_SECRET, instance A generates the signing secret into DATA_DIR
 *   and instance B (same DATA_DIR) uses it, so A's sessions are valid on B (uploads, when they land
 *   under DATA_DIR, rely on the same shared directory);
 * - uploads: the participant logs hours with a photo of the timesheet on instance A (in Chromium,
 *   through the real form and server action); instance B serves the same bytes to the participant
 *   and to the coordinator (the file lives in the shared DATA_DIR, its row in PostgreSQL);
 * - notices: a batch of SMS notices is delivered exactly once by the two workers together, counted
 *   at a fake SMS provider (every POST it receives).
 * Ports: --port P uses P+1 and P+2 for the instances (default 3191).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { chromium } from '@playwright/test';
import { desc, eq, inArray } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { migrateDb } from '@/db/migrate';
import { openPostgres } from '@/db/open';
import { enqueueNotices } from '@/db/queries/outbox';
import { createSession, revokeSession } from '@/db/queries/sessions';
import { seedDemo } from '@/db/seed';
import { outbox, participants, proofFiles, users } from '@/db/schema';
import { sessionCookieName } from '@/lib/auth/cookie';
import { startServer } from './server';
import type { Bench, Measure } from './types';

function check(ok: boolean, what: string, failures: string[]) {
  console.log(`  ${ok ? '✓' : '✗'} ${what}`);
  if (!ok) failures.push(what);
}

async function status(url: string, cookie: string) {
  const r = await fetch(url, { headers: { cookie }, redirect: 'manual' });
  await r.arrayBuffer();
  return r.status;
}

const bench: Bench = {
  name: 'scale-out',
  async run({ pgUrl, port: basePort }) {
    const base = basePort ?? 3191;
    const name = `${process.env.BENCH_DB_PREFIX ?? 'cg_bench_'}scaleout_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`create database "${name}"`);
    const u = new URL(pgUrl);
    u.pathname = `/${name}`;
    const url = u.toString();
    const o = await openPostgres(url, 4);
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-scale-'));
    const failures: string[] = [];
    const children: ChildProcess[] = [];
    const stops: (() => Promise<void>)[] = [];
    // Fake SMS provider: counts every message it is asked to send.
    const received: string[] = [];
    const claimedBy: Record<string, number> = {};
    const sms = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        received.push(body);
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ sid: `SM${received.length}`, status: 'queued' }));
      });
    });
    await new Promise<void>((r) => sms.listen(0, '127.0.0.1', r));
    const smsUrl = `http://127.0.0.1:${(sms.address() as { port: number }).port}`;
    const t0 = Date.now();
    try {
      await migrateDb(o.db, 'postgres');
      await seedDemo(o.db);
      // As the README's state-size deployment: the app instances run no worker; the two workers deliver.
      const common = { DATABASE_URL: url, DATA_DIR: dataDir, DEMO_MODE: '0', NEXTAUTH_SECRET: '', NOTIFY_WORKER: 'off' };
      const a = await startServer(base + 1, common);
      stops.push(a.stop);
      // A request that needs the signing secret makes A generate it into DATA_DIR.
      await status(`${a.url}/cases`, `${sessionCookieName(true)}=x`);
      const secretFile = path.join(dataDir, 'auth-secret');
      check(fs.existsSync(secretFile), 'instance A generated the session secret into the shared DATA_DIR', failures);
      const b = await startServer(base + 2, common);
      stops.push(b.stop);
      const secret = fs.readFileSync(secretFile, 'utf8').trim();

      // Sessions across instances.
      const [coord] = await o.db.select().from(users).where(eq(users.email, 'coordinator@demo.test'));
      const s = await createSession(o.db, coord, { ip: '127.0.0.1', userAgent: 'scale-out' });
      const token = await encode({ token: { sub: coord.id, role: coord.role, jid: coord.jurisdictionId, sv: coord.sessionVersion, sid: s.id }, secret, maxAge: 3600 });
      const cookie = `${sessionCookieName(true)}=${token}`;
      check((await status(`${a.url}/cases`, cookie)) === 200, 'the session works on instance A', failures);
      check((await status(`${b.url}/cases`, cookie)) === 200, 'the same session works on instance B (shared secret from DATA_DIR, session row in PostgreSQL)', failures);
      await revokeSession(o.db, s.id, 'signed_out');
      const afterA = await status(`${a.url}/cases`, cookie);
      const afterB = await status(`${b.url}/cases`, cookie);
      check(afterA !== 200 && afterB !== 200, `after sign-out the session is refused on both instances on the next request (A ${afterA}, B ${afterB})`, failures);

      // Uploads across instances: logged with a photo on A, served by B.
      const fixture = fs.readFileSync(path.join(process.cwd(), 'tests/e2e/fixtures/timesheet.png'));
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
      try {
        // Cookies belong to the host, not the port: the session made on A is sent to B as well.
        const page = await (await browser.newContext()).newPage();
        await page.goto(`${a.url}/sign-in`);
        // participant2@ is the demo's showcase: a signed agreement with community service hours.
        await page.getByLabel('Email').fill('participant2@demo.test');
        await page.getByLabel('Password').fill('commonground-demo');
        await page.getByRole('button', { name: 'Sign in', exact: true }).click();
        await page.waitForURL(/\/portal/);
        await page.goto(`${a.url}/portal/obligations`);
        const log = page.getByTestId('log-progress');
        const service = log.getByLabel('Obligation').locator('option', { hasText: 'hours of community service' });
        await log.getByLabel('Obligation').selectOption((await service.getAttribute('value'))!);
        await log.getByLabel('How much').fill('2');
        await log.getByLabel('Where').fill('Scale-out food pantry');
        await log.getByLabel('Supervisor’s name and phone or email').fill('R. Diaz 816-555-0199');
        await log.getByLabel('Proof (optional)').setInputFiles(path.join(process.cwd(), 'tests/e2e/fixtures/timesheet.png'));
        await log.getByRole('button', { name: 'Log progress' }).click();
        await page.getByTestId('form-message').filter({ hasText: 'We will check it' }).waitFor({ timeout: 30_000 });
        const [file] = await o.db.select({ id: proofFiles.id, sha256: proofFiles.sha256 }).from(proofFiles).orderBy(desc(proofFiles.createdAt)).limit(1);
        check(!!file, 'the participant logged hours with a photo on instance A', failures);
        const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
        const fromB = await page.request.get(`${b.url}/api/proof/${file.id}`);
        check(fromB.status() === 200 && sha(await fromB.body()) === sha(fixture), `instance B serves the participant the same bytes (${fromB.status()})`, failures);
        const cs = await createSession(o.db, coord, { ip: '127.0.0.1', userAgent: 'scale-out' });
        const ctoken = await encode({ token: { sub: coord.id, role: coord.role, jid: coord.jurisdictionId, sv: coord.sessionVersion, sid: cs.id }, secret, maxAge: 3600 });
        const staff = await fetch(`${b.url}/api/proof/${file.id}`, { headers: { cookie: `${sessionCookieName(true)}=${ctoken}` } });
        const staffBytes = Buffer.from(await staff.arrayBuffer());
        check(staff.status === 200 && sha(staffBytes) === sha(fixture), `instance B serves the coordinator the same bytes (${staff.status})`, failures);
      } finally {
        await browser.close();
      }

      // Two workers share the outbox.
      for (const id of ['w1', 'w2']) {
        const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'scripts/worker.ts'], {
          env: { ...process.env, DATABASE_URL: url, DATA_DIR: dataDir, NOTIFY_WORKER_ID: id, NOTIFY_INTERVAL_MS: '300', NOTIFY_QUIET_LOG: '0', NOTIFY_BATCH_SIZE: '10', SMS_PROVIDER_URL: smsUrl, SMS_ACCOUNT_SID: 'AC_bench', SMS_AUTH_TOKEN: 'bench', SMS_FROM: '+15550000000' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        // Each pass with work logs `[notify <id>] {"claimed":n,...}`: sum what each worker claimed.
        claimedBy[id] = 0;
        child.stdout?.on('data', (d: Buffer) => {
          for (const m of d.toString().matchAll(/"claimed":(\d+)/g)) claimedBy[id] += Number(m[1]);
        });
        child.stderr?.on('data', (d) => process.stderr.write(`[${id}] ${d}`));
        children.push(child);
      }
      const [p] = await o.db.select({ id: participants.id, jurisdictionId: participants.jurisdictionId }).from(participants).where(eq(participants.phone, (await o.db.select({ phone: participants.phone }).from(participants).limit(1))[0].phone!)).limit(1);
      const N = 200;
      const ids = await o.db.transaction((tx) =>
        enqueueNotices(
          tx,
          Array.from({ length: N }, (_, i) => ({ jurisdictionId: p.jurisdictionId, caseId: null, recipient: { kind: 'participant' as const, id: p.id }, channel: 'sms' as const, template: 'case.completed' as const, data: {}, idempotencyKey: `scale-out:${name}:${i}` })),
        ),
      );
      check(ids.length === N, `${N} SMS notices enqueued`, failures);
      const deadline = Date.now() + 90_000;
      let sent = 0;
      while (Date.now() < deadline) {
        const rows = await o.db.select({ status: outbox.status }).from(outbox).where(inArray(outbox.id, ids));
        sent = rows.filter((r) => r.status === 'sent').length;
        if (rows.every((r) => r.status !== 'pending' && r.status !== 'sending')) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      // Let any duplicate send arrive before counting.
      await new Promise((r) => setTimeout(r, 2000));
      check(sent === N, `all ${N} notices marked sent (${sent})`, failures);
      check(received.length === N, `the SMS provider received exactly ${N} messages (${received.length}): each notice delivered once`, failures);
      console.log(`  notices claimed per worker (incl. any the demo seed queued): ${JSON.stringify(claimedBy)}`);
      const out: Measure[] = [
        { name: 'scale-out', engine: 'postgres', cases: 0, errors: failures.length, instances: 2, workers: 2, notices: N, notices_sent: sent, provider_received: received.length, claimed_by_worker: claimedBy, failures, seconds: Math.round((Date.now() - t0) / 1000) },
      ];
      if (failures.length) throw new Error(`scale-out checks failed: ${failures.join('; ')}`);
      return out;
    } finally {
      for (const c of children) c.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 1500));
      for (const stop of stops) await stop();
      sms.close();
      await o.close();
      await admin.query(`drop database if exists "${name}" with (force)`);
      await admin.end();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};

export default bench;
