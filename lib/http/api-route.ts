import 'server-only';
import { z } from 'zod';
import { withDeferredAudit } from '@/db/commit-hooks';
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
export async function runApi(root: Db, req: Request, operation: string, handler: (ctx: ApiContext) => Promise<Response>): Promise<Response> {
  const path = new URL(req.url).pathname;
  // The call's audit rows (the call itself, and any refusal the handler recorded outside a
  // transaction) go in as one INSERT at the end; a handler's transactions write their own at COMMIT.
  const { db, flush } = withDeferredAudit(root);
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
    await flush();
  } catch (err) {
    // What was read is not sent unrecorded. (A change the handler made has committed with its own
    // audit rows already; the answer says the call's record failed, not that the change did.)
    const ref = Math.random().toString(36).slice(2, 10);
    console.error(`[api audit ${ref}]`, err);
    return problemResponse(new HttpProblem(500, 'Server error', `This call could not be recorded in the audit log (reference ${ref}), so its answer is withheld. Retry the request.`), path);
  }
  return res;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } });
}
