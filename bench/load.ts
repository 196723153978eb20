/**
 * A small closed-loop HTTP load generator: `connections` keep-alive clients each send the next
 * request as soon as the previous answer arrives, for `durationMs`. Every latency is kept, so
 * percentiles are exact (autocannon reports p97.5 but not p95).
 */
import http from 'node:http';
import { percentile, round } from './types';

export type LoadResult = { requests: number; errors: number; rps: number; p50_ms: number; p95_ms: number; p99_ms: number; statuses: Record<number, number> };

export async function loadTest(opts: { url: string; headers?: Record<string, string>; method?: string; body?: string | (() => string); connections: number; durationMs: number; expectStatus?: number[] }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.connections });
  const u = new URL(opts.url);
  const latencies: number[] = [];
  const statuses: Record<number, number> = {};
  let errors = 0;
  const expect = opts.expectStatus ?? [200];
  const end = Date.now() + opts.durationMs;
  const one = () =>
    new Promise<void>((resolve) => {
      // A function body gives each request its own payload (e.g. a new case number per referral).
      const body = typeof opts.body === 'function' ? opts.body() : opts.body;
      const t0 = performance.now();
      const req = http.request(
        { host: u.hostname, port: u.port, path: u.pathname + u.search, method: opts.method ?? 'GET', headers: { ...opts.headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) }, agent },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            const s = res.statusCode ?? 0;
            statuses[s] = (statuses[s] ?? 0) + 1;
            if (!expect.includes(s)) errors++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      if (body) req.write(body);
      req.end();
    });
  const started = Date.now();
  await Promise.all(
    Array.from({ length: opts.connections }, async () => {
      while (Date.now() < end) await one();
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, rps: round(latencies.length / seconds, 1), p50_ms: round(percentile(latencies, 50)), p95_ms: round(percentile(latencies, 95)), p99_ms: round(percentile(latencies, 99)), statuses };
}
