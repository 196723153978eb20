/** Which translation explains a notice's outcome code. */
const known = new Set(['no_address', 'invalid_address', 'unreachable', 'opted_out', 'channel_off', 'case_closed', 'not_due', 'quiet_hours', 'transient', 'too_many_attempts', 'gave_up', 'cancelled']);

export function reasonKey(code: string | null): string | null {
  if (!code) return null;
  if (known.has(code)) return code;
  if (/^(smtp|sms|http)_/.test(code) || code === 'rejected') return 'provider';
  return 'other';
}

export const templateLabelKey = (key: string) => key.replace('.', '_');

export const statusTone: Record<string, string> = {
  pending: 'bg-sky-50 text-sky-800 ring-sky-200',
  sending: 'bg-sky-50 text-sky-800 ring-sky-200',
  sent: 'bg-green-50 text-green-800 ring-green-200',
  failed: 'bg-red-50 text-red-800 ring-red-300',
  skipped: 'bg-amber-50 text-amber-900 ring-amber-300',
  cancelled: 'bg-stone-100 text-stone-700 ring-stone-300',
};
