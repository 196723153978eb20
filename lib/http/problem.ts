/**
 * RFC 9457 problem details for the integration API: every error is application/problem+json with
 * a type, a title a person can read, and for invalid input the list of every bad field.
 */
import type { z } from 'zod';

export type FieldProblem = { pointer: string; detail: string };

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldProblem[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'HttpProblem';
  }
}

const typeBase = 'https://commonground.example/problems/';
const slug: Record<number, string> = {
  400: 'invalid-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  409: 'conflict',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'rule-violation',
  500: 'server-error',
};

export function problemResponse(p: HttpProblem, instance?: string): Response {
  const body = {
    type: `${typeBase}${slug[p.status] ?? 'error'}`,
    title: p.title,
    status: p.status,
    ...(p.detail ? { detail: p.detail } : {}),
    ...(instance ? { instance } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
  };
  return new Response(JSON.stringify(body), { status: p.status, headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store', ...p.headers } });
}

/** "participant.zip" → "/participant/zip" (JSON Pointer, RFC 6901). */
export function toPointer(path: readonly PropertyKey[] | string): string {
  const parts = typeof path === 'string' ? (path === '' || path === '_form' ? [] : path.split('.')) : path.map(String);
  return `/${parts.map((p) => p.replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`;
}

export function validationProblem(error: z.ZodError, detail = 'The request has invalid fields; each is listed in `errors`.'): HttpProblem {
  return new HttpProblem(400, 'Invalid request', detail, error.issues.map((i) => ({ pointer: toPointer(i.path), detail: i.message })));
}

export function fieldErrorsProblem(fieldErrors: Record<string, string[]>, detail: string): HttpProblem {
  return new HttpProblem(400, 'Invalid request', detail, Object.entries(fieldErrors).flatMap(([path, msgs]) => msgs.map((m) => ({ pointer: toPointer(path), detail: m }))));
}
