import { encode } from 'next-auth/jwt';
import { spawn } from 'node:child_process';
import { loadTest } from './bench/load';
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
async function main() {
  const url = 'postgres://postgres@127.0.0.1:5432/cg_bench_10000';
  const path = process.argv[2];
  const pg = await import('pg');
  const c = new pg.default.Client({ connectionString: url }); await c.connect();
  const co = (await c.query("select u.id, u.role, u.jurisdiction_id, u.session_version from users u where role='coordinator' and email like 'coordinator-%' limit 1")).rows[0];
  await c.end();
  const cookie = `__Host-cg.session=${await encode({ token: { sub: co.id, role: co.role, jid: co.jurisdiction_id, sv: co.session_version }, secret: SECRET })}`;
  const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', 'node_modules/next/dist/bin/next', 'start', '-p', '3196'], { env: { ...process.env, DATABASE_URL: url, DEMO_MODE: '0', NEXTAUTH_SECRET: SECRET, BENCH_MODE: '1' }, stdio: 'ignore' });
  await new Promise((r) => setTimeout(r, 3000));
  const r0 = await loadTest({ url: 'http://localhost:3196' + path, headers: { cookie }, connections: 4, durationMs: 2000 });
  console.log('warm', r0.rps, r0.statuses);
  const r = await loadTest({ url: 'http://localhost:3196' + path, headers: { cookie }, connections: 4, durationMs: 8000 });
  console.log(r.rps, r.p95_ms, r.statuses);
  child.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 3000));
}
main();
