/**
 * Errors a person can act on. Anything else is a bug: logged, never shown (no stack traces).
 */
export class NotFoundError extends Error {
  constructor(what = 'That record') {
    super(`${what} was not found, or you do not have access to it.`);
    this.name = 'NotFoundError';
  }
}

export class ForbiddenError extends Error {
  constructor(message = 'You do not have permission to do that.') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/**
 * The request is understandable but breaks a rule (illegal transition, stale version, overlap).
 * `code` is a stable name for the rule (`alreadySigned`, `stale`…): the participant's portal words
 * it in their language from `portalApp.errors.rule.<code>`; staff screens show `message`.
 */
export class RuleError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    readonly code?: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

export class ConflictError extends RuleError {
  constructor(message = 'Someone else changed this record while you were editing. Reload to see their change, then try again.', code = 'stale') {
    super(message, {}, code);
    this.name = 'ConflictError';
  }
}

/** SQLSTATE of a database error, unwrapping drizzle's DrizzleQueryError. */
export function sqlState(err: unknown): string | undefined {
  let e: unknown = err;
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * SQLSTATE class 22 ("data exception"): the database refused a value the input carried — a NUL
 * character in text, a number or date out of range. That is bad input, never a server fault, so
 * forms and the API answer it as such (nothing was written: the transaction rolled back).
 */
export function isDataException(err: unknown): boolean {
  return sqlState(err)?.startsWith('22') ?? false;
}
export const DATA_EXCEPTION_MESSAGE =
  'Some of what you entered cannot be stored (for example an invisible control character, or a number or date out of range). Check the fields and try again; nothing was changed.';

/** Input that parsed but is wrong against the data (an unknown charge code): a 400 at the API. */
export class InvalidInputError extends RuleError {
  constructor(message: string, fieldErrors: Record<string, string[]>) {
    super(message, fieldErrors);
    this.name = 'InvalidInputError';
  }
}

/** A booking lost a race: the database refused an overlap (SQLSTATE 23P01). */
export class SlotTakenError extends RuleError {
  constructor(message = 'That time was just taken — here are the next options.') {
    super(message);
    this.name = 'SlotTakenError';
  }
}
