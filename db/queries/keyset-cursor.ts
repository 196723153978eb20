import { z } from 'zod';

const MIN_TIME = Date.UTC(1900, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31);

/** The cursor after a row: its list time and id. */
export const encodeTimeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString('base64url');

/**
 * A keyset cursor "time|uuid" (base64url) back from the URL, or null when it is not one we could
 * have made: then the list starts at its first page. A forged date PostgreSQL cannot hold (year
 * 10000 and beyond) is refused here rather than reaching the query as an error.
 */
export function decodeTimeCursor(raw: string | undefined): { at: Date; id: string } | null {
  if (!raw) return null;
  const [at, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const t = Date.parse(at ?? '');
  if (!(t >= MIN_TIME && t <= MAX_TIME) || !z.uuid().safeParse(id).success) return null;
  return { at: new Date(t), id };
}
