/**
 * Meta-test: every page, route handler and exported server action in the app has a row in the
 * authorization policy (tests/authz/policy.ts), and every row points at something that exists.
 * A new feature without a policy row fails here, before the matrix runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOriginExempt } from '@/lib/http/same-origin';
import { policy, ROLES, TARGETS, expectationFor } from '../authz/policy';

const root = process.cwd();

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? walk(full) : [path.relative(root, full).split(path.sep).join('/')];
  });
}

const appFiles = walk(path.join(root, 'app'));
const sourceFiles = ['app', 'components', 'lib'].flatMap((d) => walk(path.join(root, d))).filter((f) => /\.(ts|tsx)$/.test(f));

/** Files whose first statement is 'use server': every export is a callable server action. */
function serverActionExports(): string[] {
  const out: string[] = [];
  for (const f of sourceFiles) {
    const text = fs.readFileSync(path.join(root, f), 'utf8');
    if (!/^\s*(\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*['"]use server['"]/.test(text)) continue;
    for (const m of text.matchAll(/^export\s+(?:async\s+function|const|function|let)\s+(\w+)/gm)) out.push(`${f}#${m[1]}`);
    expect(text, `${f}: re-exports hide server actions from the policy check`).not.toMatch(/^export\s*\{/m);
  }
  return out;
}

/** URL path of an app/ file: route groups and the file name dropped. */
function routePath(file: string): string {
  const parts = file.replace(/^app\//, '').split('/').slice(0, -1).filter((p) => !/^\(.*\)$/.test(p));
  return `/${parts.join('/')}`;
}

describe('authorization policy coverage', () => {
  it('has a row for every page', () => {
    const pages = appFiles.filter((f) => /\/page\.tsx?$/.test(f));
    expect(pages.length).toBeGreaterThan(10);
    const rows = new Set(policy.filter((r) => r.kind === 'page').map((r) => r.file));
    expect(pages.filter((f) => !rows.has(f)), 'pages without a policy row').toEqual([]);
    for (const r of policy) if (r.kind === 'page') expect(r.path, r.file).toBe(routePath(r.file));
  });

  it('has a row for every route handler and each of its methods', () => {
    const routes = appFiles.filter((f) => /\/route\.ts$/.test(f));
    for (const f of routes) {
      const row = policy.find((r) => r.kind === 'route' && r.file === f);
      expect(row, `route handler without a policy row: ${f}`).toBeDefined();
      const methods = [...fs.readFileSync(path.join(root, f), 'utf8').matchAll(/^export\s+(?:(?:async\s+)?function|const)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/gm)].map((m) => m[1]);
      if (row?.kind === 'route') {
        expect([...methods].sort(), f).toEqual([...row.methods].sort());
        expect(row.path, f).toBe(routePath(f));
      }
    }
  });

  it('has a row for every exported server action', () => {
    const actions = serverActionExports();
    expect(actions.length).toBeGreaterThan(5);
    const rows = new Set(policy.filter((r) => r.kind === 'action').map((r) => `${r.file}#${r.exportName}`));
    expect(actions.filter((a) => !rows.has(a)), 'server actions without a policy row').toEqual([]);
  });

  it('has no rows pointing at pages, routes or actions that no longer exist', () => {
    const actions = new Set(serverActionExports());
    for (const r of policy) {
      expect(fs.existsSync(path.join(root, r.file)), r.file).toBe(true);
      if (r.kind === 'action') expect(actions.has(`${r.file}#${r.exportName}`), `${r.file}#${r.exportName}`).toBe(true);
    }
  });

  it('state-changing route handlers check the origin (except the bearer-token API and signed webhooks)', () => {
    for (const f of appFiles.filter((x) => /\/route\.ts$/.test(x))) {
      const text = fs.readFileSync(path.join(root, f), 'utf8');
      if (!/^export\s+(?:(?:async\s+)?function|const)\s+(POST|PUT|PATCH|DELETE)\b/m.test(text)) continue;
      if (isOriginExempt(routePath(f))) {
        // Exempt only because something else authenticates it: a token or a request signature.
        const row = policy.find((r) => r.kind === 'route' && r.file === f);
        expect(row?.access, `${f} is exempt from the origin check, so its policy row must say 'token'`).toBe('token');
      } else expect(text, `${f} must call assertSameOrigin or use withSameOrigin`).toMatch(/assertSameOrigin|withSameOrigin/);
    }
  });

  it('every row explains itself and names only real roles and targets; unprobed actions say why', () => {
    for (const r of policy) {
      expect(r.why.length, r.file).toBeGreaterThan(5);
      if (typeof r.access === 'object') for (const [role, t] of Object.entries(r.access)) {
        expect(ROLES as readonly string[]).toContain(role);
        if (t !== 'all') for (const x of t ?? []) expect(TARGETS).toContain(x);
      }
    }
    // Out of scope is "not found", never allowed: a Platte case is outside every Jackson role.
    for (const r of policy) if (r.kind === 'page' && r.param === 'caseId') for (const role of ROLES) expect(expectationFor(r, role, 'otherJurisdiction')).not.toBe('allow');
  });
});
