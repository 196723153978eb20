/**
 * Start the built app (`next start`) on a port with its own environment, for benchmarks. Requires a
 * production build of the current source; the bench runner builds when there is none or it is stale.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';

export type RunningServer = { url: string; child: ChildProcess; rssMb: () => number; log: () => string; stop: () => Promise<void> };

/**
 * Build unless `.next` was built from exactly this source (a hash of it is recorded next to the
 * build). Reusing whatever build was there once measured stale code.
 */
export function ensureBuild() {
  const stampFile = '.next/bench-source-stamp';
  const stamp = sourceStamp();
  if (stamp && fs.existsSync('.next/BUILD_ID') && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp) return;
  const r = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error('next build failed');
  if (stamp) fs.writeFileSync(stampFile, stamp);
}

/**
 * A hash of the source the build is made from: every tracked file's blob id in the index, uncommitted
 * changes and new source files; bench/ (the load-generator side) and docs are left out, since they
 * are not built. Null outside a git checkout.
 */
function sourceStamp(): string | null {
  const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const notBuilt = ['.', ':(exclude)bench', ':(exclude)*.md'];
  // ls-files -s: the blob id of every tracked file, with pathspec magic (ls-tree has none).
  const tree = git('ls-files', '-s', '--', ...notBuilt);
  if (tree.status !== 0 || git('rev-parse', 'HEAD').status !== 0) return null;
  const diff = git('diff', 'HEAD', '--', ...notBuilt);
  const untracked = git('ls-files', '--others', '--exclude-standard', '--', 'app', 'components', 'db', 'lib', 'proxy.ts');
  const h = createHash('sha256').update(tree.stdout).update(diff.stdout);
  for (const file of untracked.stdout.split('\n').filter(Boolean)) h.update(file).update(fs.readFileSync(file));
  return h.digest('hex');
}

export async function startServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  ensureBuild();
  // BENCH_CPU_PROF=<dir>: write V8 CPU profiles of the server (Node refuses --cpu-prof in NODE_OPTIONS).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, 'node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log}`);
    try {
      const r = await fetch(`${url}/api/health`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not become healthy:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    child,
    // next start forks a next-server child: sum the RSS of the process tree we started.
    rssMb: () => treeRssMb(child.pid!),
    log: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}

function treeRssMb(pid: number): number {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    try {
      const kids = fs.readFileSync(`/proc/${pids[i]}/task/${pids[i]}/children`, 'utf8').trim();
      if (kids) pids.push(...kids.split(/\s+/).map(Number));
    } catch {
      /* process gone */
    }
  }
  let kb = 0;
  for (const p of pids) {
    try {
      const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      /* gone */
    }
  }
  return Math.round(kb / 1024);
}
