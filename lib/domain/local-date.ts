/** Local calendar date (YYYY-MM-DD) of an instant in a zone. */
import { TZDate } from '@date-fns/tz';

export function localIsoDate(at: Date, timeZone: string): string {
  const d = new TZDate(at.getTime(), timeZone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
