import 'server-only';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { acquireDirLock, openPglite } from './open';

/**
 * Backups for both engines.
 *
 * - PGlite: `dumpDataDir('gzip')` of the whole data directory (a tarball PGlite can load back).
 *   It needs the directory to itself, so a running server makes it refuse with the lock message.
 * - PostgreSQL: `pg_dump --format=custom` of DATABASE_URL, restored with `pg_restore
 *   --single-transaction` (all or nothing). Needs the PostgreSQL client programs, at least the
 *   server's major version. Triggers are created after the data is loaded, so restoring does not
 *   re-run the audit chain trigger: the chain comes back exactly as it was, and verifies.
 */

export type BackupResult = { file: string; bytes: number; sha256: string };

function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function describe(file: string): BackupResult {
  return { file, bytes: fs.statSync(file).size, sha256: sha256File(file) };
}

export async function backupPglite(dir: string, outFile: string): Promise<BackupResult> {
  if (!fs.existsSync(dir)) throw new Error(`There is no embedded database at ${dir}.`);
  const opened = await openPglite(dir); // takes the lock: refuses while a server has the directory open
  try {
    const client = (opened.db as unknown as { $client: { dumpDataDir: (c: 'gzip') => Promise<Blob> } }).$client;
    const blob = await client.dumpDataDir('gzip');
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
  } finally {
    await opened.close();
  }
  return describe(outFile);
}

/**
 * Restore a PGlite tarball into `dir`. An existing directory is kept, renamed to
 * `<dir>.before-restore-<time>`, and only with `force`; nothing is ever deleted.
 */
export async function restorePglite(file: string, dir: string, opts: { force?: boolean } = {}): Promise<{ dir: string; previous: string | null }> {
  if (!isGzip(file)) throw new Error(`${file} is not an embedded-database backup (expected a .tar.gz made by db:backup).`);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const release = acquireDirLock(dir); // refuses while a server uses the directory
  let previous: string | null = null;
  try {
    if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0) {
      if (!opts.force) throw new Error(`${dir} already holds a database. Pass --force to replace it (the old directory is kept beside it).`);
      previous = `${dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      fs.renameSync(dir, previous);
    }
    const opened = await openPglite(dir, new Blob([fs.readFileSync(file)]));
    await opened.close();
  } finally {
    release();
  }
  return { dir, previous };
}

function isGzip(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(2);
    fs.readSync(fd, b, 0, 2, 0);
    return b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
}

function isPgCustomDump(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(5);
    fs.readSync(fd, b, 0, 5, 0);
    return b.toString('latin1') === 'PGDMP';
  } finally {
    fs.closeSync(fd);
  }
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', (err) =>
      reject((err as NodeJS.ErrnoException).code === 'ENOENT' ? new Error(`${cmd} was not found. Install the PostgreSQL client programs (Debian: apt-get install postgresql-client).`) : err),
    );
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (exit ${code}): ${stderr.trim().slice(0, 2000)}`))));
  });
}

export async function backupPostgres(url: string, outFile: string): Promise<BackupResult> {
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', '--file', outFile, '--dbname', url]);
  fs.chmodSync(outFile, 0o600);
  return describe(outFile);
}

/** Restore a pg_dump custom-format file into `url`: all or nothing, into an empty database unless `force`. */
export async function restorePostgres(file: string, url: string, opts: { force?: boolean; isEmpty: () => Promise<boolean> }): Promise<void> {
  if (!isPgCustomDump(file)) throw new Error(`${file} is not a PostgreSQL backup (expected a pg_dump custom-format file made by db:backup).`);
  if (!opts.force && !(await opts.isEmpty())) throw new Error('The target database already has tables. Pass --force to replace them (restore into a new, empty database is safer).');
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', ...(opts.force ? ['--clean', '--if-exists'] : []), '--dbname', url, file]);
}

export function defaultBackupFile(engine: 'pglite' | 'postgres', dir = path.join(process.cwd(), 'backups')): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return path.join(dir, `common-ground-${engine}-${stamp}.${engine === 'pglite' ? 'tar.gz' : 'dump'}`);
}
