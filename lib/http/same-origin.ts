// Shared by proxy.ts and route handlers: no server-only import.

/**
 * Cross-site request forgery check for state-changing route handlers. Server actions get this
 * from Next.js; route handlers do not, so every POST/PUT/PATCH/DELETE handler calls
 * `assertSameOrigin(req)` (or is wrapped in `withSameOrigin`), and proxy.ts applies the same check
 * to every non-GET request as a second line. Exempt: `/api/v1/*`, the integration API, which
 * authenticates with bearer tokens and never reads cookies, so a forged browser request carries
 * nothing that API would accept; and `/api/sms/inbound`, the SMS provider's webhook, which sends
 * no Origin and is authenticated by its request signature (SMS_AUTH_TOKEN), not by cookies.
 *
 * The request's Origin (or, when a browser omitted it, its Referer) must name this host — the
 * `x-forwarded-host` a proxy set, else `host` — or one listed in ALLOWED_ORIGINS (comma-separated
 * hosts). A state-changing request with neither header is refused: browsers always send Origin on
 * such requests, and non-browser clients belong on the bearer-token API.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export class CrossOriginError extends Error {
  constructor(readonly reason: string) {
    super(`Cross-origin request refused: ${reason}`);
    this.name = 'CrossOriginError';
  }
}

/** Signature-checked webhooks: called server to server, never with the user's cookies. */
const SIGNED_WEBHOOKS = new Set(['/api/sms/inbound']);

export function isOriginExempt(pathname: string): boolean {
  return pathname === '/api/v1' || pathname.startsWith('/api/v1/') || SIGNED_WEBHOOKS.has(pathname);
}

function hostOf(value: string): string | null {
  try {
    return new URL(value).host.toLowerCase();
  } catch {
    return null;
  }
}

/** Why this request fails the same-origin rule, or null when it passes. */
export function crossOriginProblem(req: { method: string; headers: Headers; url: string }): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const h = req.headers;
  const expected = new Set<string>();
  const ownHost = (h.get('x-forwarded-host') ?? h.get('host') ?? hostOf(req.url) ?? '').split(',')[0].trim().toLowerCase();
  if (ownHost) expected.add(ownHost);
  for (const o of (process.env.ALLOWED_ORIGINS ?? '').split(',')) if (o.trim()) expected.add(o.trim().toLowerCase().replace(/^https?:\/\//, ''));
  const origin = h.get('origin');
  if (origin && origin !== 'null') {
    const host = hostOf(origin);
    return host && expected.has(host) ? null : `origin ${origin} is not this site`;
  }
  if (origin === 'null') return 'opaque origin';
  const referer = h.get('referer');
  if (referer) {
    const host = hostOf(referer);
    return host && expected.has(host) ? null : 'referer is not this site';
  }
  return 'no Origin or Referer header';
}

/** Throws CrossOriginError for a cross-site state-changing request. */
export function assertSameOrigin(req: { method: string; headers: Headers; url: string }): void {
  const problem = crossOriginProblem(req);
  if (problem) throw new CrossOriginError(problem);
}

export function crossOriginResponse(reason: string): Response {
  return new Response(JSON.stringify({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'This request did not come from this site, so it was refused.', reason }), {
    status: 403,
    headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
  });
}

/** Wrap a route handler: cross-site state-changing requests get 403 problem+json. */
export function withSameOrigin<Args extends unknown[]>(handler: (req: Request, ...rest: Args) => Promise<Response> | Response) {
  return async (req: Request, ...rest: Args): Promise<Response> => {
    try {
      assertSameOrigin(req);
    } catch (err) {
      if (err instanceof CrossOriginError) return crossOriginResponse(err.reason);
      throw err;
    }
    return handler(req, ...rest);
  };
}
