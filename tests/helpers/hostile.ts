/**
 * Hostile input for the fuzz suites (tests/integration/fuzz-*.test.ts): SQL and HTML
 * metacharacters, prototype keys, huge and non-numbers, impossible dates, very long strings,
 * control characters and unusual unicode, nested-object shapes, and wrong types (files where text
 * is expected). Every generator is a fast-check arbitrary, so a failure shrinks to a small case.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';

export const SQL = ["'", "''", "' OR '1'='1", "'; DROP TABLE cases; --", '" OR ""="', '\\', '%', '_', '%_%', '$1', '1; SELECT pg_sleep(5)', "') ON CONFLICT DO NOTHING; --", 'E\'\\x00\''];
export const HTML = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '"><svg onload=alert(1)>',
  "javascript:alert('x')",
  '{{7*7}}',
  '${7*7}',
  '<!--',
  '&lt;&#x3C;',
];
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'valueOf'];
export const NUMBERS = ['NaN', 'Infinity', '-Infinity', '-1', '-0', '0', '1e309', '9'.repeat(40), '2147483648', '-2147483649', '9007199254740993', '1.5', '0x1F', '1_000', ' 1 ', '١٢٣', 'Ⅻ', '1e-400'];
export const DATES = ['2026-02-30', '2026-13-01', '0000-00-00', '9999-12-31', '10000-01-01', '1900-01-01', '2026-01-01T25:61:00Z', 'not-a-date', '2026-1-1', '01/02/2026', '1970-01-01T00:00:00.000+99:99', '-000001-01-01', '24:00', '99:99', '2026-W01'];
export const IDS = ['00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '3fa85f64-5717-4562-b3fc-2c963f66afa', 'not-an-id', '../../etc/passwd', '%2e%2e%2f', '1', '0'];
export const UNICODE = ['\u0000', 'a\u0000b', '\u202Eevil', '\u200B', '\uFEFF', '\uD800', '\uDFFF', 'e\u0301', '👩‍👩‍👧‍👦', '𝕏', 'Ω≈ç√', '\r\n', '\t', '\u2028', 'İstanbul', 'ß'];
export const SHAPES = ['{"a":{"b":{"c":[1,2,{"d":null}]}}}', '[object Object]', '[]', '{}', 'null', 'undefined', 'true', 'false', '{"__proto__":{"isAdmin":true}}', '{"constructor":{"prototype":{"polluted":1}}}'];

const pick = (xs: readonly string[]) => fc.constantFrom(...xs);

/** One hostile string value. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: pick(SQL) },
  { weight: 3, arbitrary: pick(HTML) },
  { weight: 2, arbitrary: pick(PROTO_KEYS) },
  { weight: 3, arbitrary: pick(NUMBERS) },
  { weight: 3, arbitrary: pick(DATES) },
  { weight: 2, arbitrary: pick(IDS) },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 3, arbitrary: pick(UNICODE) },
  { weight: 2, arbitrary: pick(SHAPES) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constant('   ') },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 5000 }) },
  // Very long: 100 kB and 1 MB.
  { weight: 1, arbitrary: fc.constantFrom(100_000, 1_000_000).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())) },
  // Mixtures: metacharacters inside otherwise plausible text.
  { weight: 2, arbitrary: fc.tuple(pick(SQL), pick(HTML), pick(UNICODE)).map((p) => p.join(' ')) },
);

/** A form value: mostly a hostile string, sometimes a file where text was expected. */
export type FormValue = string | { file: string; name: string; type: string };
export const hostileFormValue: fc.Arbitrary<FormValue> = fc.oneof(
  { weight: 9, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.record({ file: hostileString, name: fc.constantFrom('x.csv', '../../x.csv', 'a.exe', ''), type: fc.constantFrom('text/csv', 'application/octet-stream', '') }) },
);

/** Extra keys a client could add: prototype keys, bracket/dot paths of nested objects, React's own prefixes. */
export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  pick(PROTO_KEYS),
  pick(['a[b][c]', 'user.role', 'role', 'jurisdictionId', 'userId', 'id', 'version', '$ACTION_ID_x', '$ACTION_KEY', '1', '']),
  fc.string({ maxLength: 12 }),
);

/**
 * A form built from `base` (known-harmless fields) with some fields replaced by hostile values,
 * some dropped, some repeated, and some extra hostile keys.
 */
export function hostileForm(base: Record<string, string>, keys: readonly string[]): fc.Arbitrary<[string, FormValue][]> {
  const allKeys = [...new Set([...Object.keys(base), ...keys])];
  return fc
    .record({
      replace: fc.subarray(allKeys, { minLength: allKeys.length ? 1 : 0 }),
      drop: fc.subarray(allKeys, { maxLength: Math.min(2, allKeys.length) }),
      values: fc.array(hostileFormValue, { minLength: allKeys.length, maxLength: allKeys.length }),
      extra: fc.array(fc.tuple(hostileKey, hostileFormValue), { maxLength: 3 }),
      repeat: fc.boolean(),
    })
    .map(({ replace, drop, values, extra, repeat }) => {
      const out: [string, FormValue][] = [];
      allKeys.forEach((k, i) => {
        if (drop.includes(k) && !replace.includes(k)) return;
        const v: FormValue = replace.includes(k) ? values[i] : (base[k] ?? values[i]);
        out.push([k, v]);
        if (repeat && i === 0) out.push([k, values[(i + 1) % values.length] ?? '']);
      });
      return [...out, ...extra];
    });
}

export function toFormData(entries: readonly [string, FormValue][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) {
    if (typeof v === 'string') fd.append(k, v);
    else fd.append(k, new File([v.file], v.name, { type: v.type }));
  }
  return fd;
}

/** A short printable description of a form for failure messages (long values cut). */
export function describeForm(entries: readonly [string, FormValue][]): string {
  const cut = (s: string) => (s.length > 60 ? `${JSON.stringify(s.slice(0, 60))}…(${s.length})` : JSON.stringify(s));
  return entries.map(([k, v]) => `${JSON.stringify(k)}=${typeof v === 'string' ? cut(v) : `file(${cut(v.file)})`}`).join(' ');
}

/** A JSON body: invalid JSON text, wrong top-level types, or objects with hostile keys and values. */
export const hostileJsonBody: fc.Arbitrary<string> = fc.oneof(
  pick(['', '{', '{"a":', 'null', '[]', '"str"', '1e309', 'NaN', '{"a":1}{"b":2}', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}']),
  fc.json({ maxDepth: 4 }),
  fc.dictionary(fc.oneof(hostileKey, pick(['externalCaseNumber', 'charges', 'participant', 'firstName', 'lastName', 'dateOfBirth', 'offenseDate', 'zip', 'email', 'phone', 'language'])), fc.oneof(hostileString.map((s) => s as unknown), fc.anything({ maxDepth: 3 })), { maxKeys: 8 }).map((o) => JSON.stringify(o)),
  fc.constant(JSON.stringify({ a: 'x'.repeat(2_000_000) })),
  // Deep nesting.
  fc.integer({ min: 100, max: 5000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
);

/** Looks like an internal error leaked to the client: a stack frame, a file path, a driver or SQL message. */
export const LEAK = /\n\s+at\s|\bat\s+\S+\s+\(|\.(?:ts|js|tsx|mjs):\d+|node_modules|TypeError|ReferenceError|SyntaxError: |RangeError|SQLSTATE|syntax error at|violates|duplicate key|invalid input syntax|relation "|column "|drizzle|PGlite|Failed query/i;

/** Field names a server action reads directly from its FormData (`formData.get('x')`), found in its source. */
export function formKeysInSource(file: string, root = process.cwd()): string[] {
  const seen = new Set<string>();
  const visit = (f: string, depth: number) => {
    if (seen.has(f) || !fs.existsSync(f)) return;
    seen.add(f);
    const text = fs.readFileSync(f, 'utf8');
    if (depth > 0) return;
    // Helpers under lib/ that read the same FormData (e.g. lib/intake/form.ts).
    for (const m of text.matchAll(/from '@\/(lib\/[\w/-]+)'/g)) {
      const p = path.join(root, `${m[1]}.ts`);
      if (fs.existsSync(p) && /FormData/.test(fs.readFileSync(p, 'utf8'))) visit(p, depth + 1);
    }
  };
  visit(path.join(root, file), 0);
  const keys = new Set<string>();
  for (const f of seen) for (const m of fs.readFileSync(f, 'utf8').matchAll(/\.get(?:All)?\(\s*['"]([\w.[\]-]+)['"]/g)) keys.add(m[1]);
  return [...keys];
}

/** Top-level keys of a zod object schema, looking through pipes, effects, optional and unions. */
export function zodKeys(schema: unknown, depth = 0): string[] {
  if (!schema || typeof schema !== 'object' || depth > 6) return [];
  const s = schema as { shape?: Record<string, unknown>; _zod?: { def?: Record<string, unknown> } };
  if (s.shape && typeof s.shape === 'object') return Object.keys(s.shape);
  const def = s._zod?.def ?? {};
  const out = new Set<string>();
  for (const k of ['in', 'out', 'innerType', 'schema', 'left', 'right']) for (const x of zodKeys(def[k], depth + 1)) out.add(x);
  if (Array.isArray(def.options)) for (const o of def.options) for (const x of zodKeys(o, depth + 1)) out.add(x);
  return [...out];
}
