// Shared by proxy.ts and the server: no server-only import, no database.

/**
 * The client's address, for the audit log and the per-IP sign-in limit.
 *
 * Each reverse proxy in front of the app appends the address it saw to X-Forwarded-For, so the
 * trustworthy entry is the one the nearest proxy added: the last one, or with
 * TRUSTED_PROXY_COUNT=N proxies in a row, the N-th from the right. Entries further left were
 * written by the client and can be anything. Next.js itself fills the header with the socket
 * address when a request arrives without one, so with no proxy in front (N=1 by default, and
 * clients that send no header) the value is the real peer. Deployments exposed directly to the
 * internet must put a proxy in front that overwrites or appends the header — documented in
 * SECURITY.md.
 */
export function clientIpFrom(headers: Headers): string | null {
  const hops = Math.max(1, Number(process.env.TRUSTED_PROXY_COUNT ?? 1) || 1);
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const picked = chain.length ? chain[Math.max(0, chain.length - hops)] : headers.get('x-real-ip');
  return picked ? picked.slice(0, 64) : null;
}
