import 'server-only';
import { z } from 'zod';
import { writeAudit } from '@/db/queries/audit';
import type { Db } from '@/db/types';
import type { Actor } from '@/lib/auth/actor';
import { ConflictError, DATA_EXCEPTION_MESSAGE, ForbiddenError, InvalidInputError, isDataException, NotFoundError, RuleError } from '@/lib/errors';
import { fieldErrorsProblem, HttpProblem, problemResponse, validationProblem } from './problem';
import { authenticateBearer, requestIp } from './token-auth';

export type ApiContext = { db: Db; actor: Actor; req: Request };

function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof z.ZodError) return validationProblem(err);
  if (err instanceof InvalidInputError) return fieldErrorsProblem(err.fieldErrors, err.message);
  if (err instanceof NotFoundError) return new HttpProblem(404, 'Not found', err.message);
  if (err instanceof ForbiddenError) return new HttpProblem(403, 'Forbidden', err.message);
  if (err instanceof ConflictError) return new HttpProblem(409, 'Conflict', err.message);
  if (err instanceof RuleError) return new HttpProblem(422, 'Rule violation', err.message);
  if (isDataException(err)) return new HttpProblem(400, 'Invalid request', DATA_EXCEPTION_MESSAGE);
  const ref = Math.random().toString(36).slice(2, 10);
  console.error(`[api error ${ref}]`, err);
  return new HttpProblem(500, 'Server error', `Something went wrong on our side (reference ${ref}). Nothing was changed; retry the request.`);
}

/**
 * Run one integration-API call: authenticate the bearer token, run the handler, turn any error
 * into problem+json, and audit the call (actor = the token; failed authentication too).
 */
export async function runApi(db: Db, req: Request, operation: string, handler: (ctx: ApiContext) => Promise<Response>): Promise<Response> {
  const path = new URL(req.url).pathname;
  let actor: Actor | null = null;
  let res: Response;
  try {
    actor = await authenticateBearer(db, req);
    res = await handler({ db, actor, req });
  } catch (err) {
    res = problemResponse(toProblem(err), path);
  }
  const outcome = res.status < 400 ? 'success' : res.status === 401 || res.status === 403 ? 'denied' : 'failure';
  try {
    await writeAudit(db, actor, { action: `api.${operation}`, entityType: 'api_call', outcome, ip: requestIp(req), details: { method: req.method, path, status: res.status } });
  } catch (err) {
    console.error('[api audit]', err);
  }
  return res;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } });
}
