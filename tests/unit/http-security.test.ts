import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clientIpFrom } from '@/lib/http/client-ip';
import { csvCell, csvRow } from '@/lib/http/csv';
import { assertSameOrigin, crossOriginProblem, CrossOriginError, isOriginExempt, withSameOrigin } from '@/lib/http/same-origin';
import { contentSecurityPolicy, newNonce, staticSecurityHeaders } from '@/lib/http/security-headers';

const req = (method: string, headers: Record<string, string>, url = 'http://app.example/x') => ({ method, headers: new Headers(headers), url });

describe('security headers', () => {
  it('next.config.js sends exactly the shared static list on every path', async () => {
    const config = createRequire(import.meta.url)('../../next.config.js') as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    const rules = await config.headers();
    const all = rules.find((r) => r.source === '/:path*');
    expect(Object.fromEntries(all!.headers.map((h) => [h.key, h.value]))).toEqual(staticSecurityHeaders);
  });

  it('builds a strict CSP around a fresh nonce', () => {
    const a = newNonce();
    const b = newNonce();
    expect(a).not.toBe(b);
    expect(Buffer.from(a, 'base64')).toHaveLength(16);
    const csp = contentSecurityPolicy(a, false);
    expect(csp).toContain(`script-src 'self' 'nonce-${a}' 'strict-dynamic'`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });
});

describe('same-origin check for state-changing route handlers', () => {
  it('lets safe methods through and requires this host for the others', () => {
    expect(crossOriginProblem(req('GET', { origin: 'https://evil.example', host: 'app.example' }))).toBeNull();
    expect(crossOriginProblem(req('POST', { origin: 'https://app.example', host: 'app.example' }))).toBeNull();
    expect(crossOriginProblem(req('POST', { origin: 'https://app.example', host: 'internal:3000', 'x-forwarded-host': 'app.example' }))).toBeNull();
    expect(crossOriginProblem(req('POST', { referer: 'https://app.example/cases', host: 'app.example' }))).toBeNull();
    expect(crossOriginProblem(req('POST', { host: 'app.example' }))).toMatch(/no Origin/);
    expect(crossOriginProblem(req('DELETE', { origin: 'null', host: 'app.example' }))).toMatch(/opaque/);
    expect(() => assertSameOrigin(req('PUT', { origin: 'https://app.example.evil.test', host: 'app.example' }))).toThrow(CrossOriginError);
  });

  it('refuses every foreign origin, whatever its shape', () => {
    fc.assert(
      fc.property(fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'post'), fc.webUrl(), (method, origin) => {
        fc.pre(new URL(origin).host !== 'app.example');
        expect(crossOriginProblem(req(method, { origin: new URL(origin).origin, host: 'app.example' }))).not.toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('exempts only the bearer-token API and the signed SMS webhook', () => {
    expect(isOriginExempt('/api/v1/referrals')).toBe(true);
    expect(isOriginExempt('/api/v1')).toBe(true);
    expect(isOriginExempt('/api/sms/inbound')).toBe(true);
    expect(isOriginExempt('/api/v10')).toBe(false);
    expect(isOriginExempt('/api/session')).toBe(false);
    expect(isOriginExempt('/api/sms/inbound/x')).toBe(false);
    expect(isOriginExempt('/api/sms')).toBe(false);
  });

  it('the proxy lets the SMS provider post replies (no Origin) and still refuses other origin-less posts', async () => {
    const { proxy } = await import('@/proxy');
    const { NextRequest } = await import('next/server');
    const post = (path: string) =>
      proxy(new NextRequest(`http://cg.example.org${path}`, { method: 'POST', headers: { host: 'cg.example.org', 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'c2ln' }, body: 'From=%2B18165550100&Body=STOP' }));
    const webhook = await post('/api/sms/inbound');
    expect(webhook.status).not.toBe(403);
    expect(webhook.headers.get('x-middleware-next')).toBe('1');
    const other = await post('/api/session');
    expect(other.status).toBe(403);
  });

  it('withSameOrigin answers 403 problem+json and never calls the handler', async () => {
    let called = 0;
    const handler = withSameOrigin(async () => {
      called++;
      return new Response('ok');
    });
    const bad = await handler(new Request('http://app.example/x', { method: 'POST', headers: { origin: 'https://evil.example', host: 'app.example' } }));
    expect(bad.status).toBe(403);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(called).toBe(0);
    const good = await handler(new Request('http://app.example/x', { method: 'POST', headers: { origin: 'http://app.example', host: 'app.example' } }));
    expect(good.status).toBe(200);
  });
});

describe('client address', () => {
  it('trusts only the entry the nearest proxy added', () => {
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '203.0.113.9' }))).toBe('203.0.113.9');
    expect(clientIpFrom(new Headers())).toBeNull();
  });
});

describe('CSV export cells', () => {
  it('neutralises spreadsheet formulas and quotes per RFC 4180', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe(`"'+1"`);
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvRow(['a,b', 'c'])).toBe('"a,b",c\r\n');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const cell = csvCell(s);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(/^[=+\-@\t\r]/.test(unquoted)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('values a form shows again after an error', () => {
  it('never include passwords or one-time codes, and keep everything else', async () => {
    const { keptValues } = await import('@/lib/actions');
    expect(keptValues({ email: 'a@b.test', password: 'x', currentPassword: 'y', newPassword: 'z', code: '123456', zipCode: '64124', chargeCode: '579.015', note: 'hi' })).toEqual({
      email: 'a@b.test',
      zipCode: '64124',
      chargeCode: '579.015',
      note: 'hi',
    });
  });
});
