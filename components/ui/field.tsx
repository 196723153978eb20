/** Error text tied to a field by id (aria-describedby), read by screen readers with the field. */
export function FieldError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <p id={id} className="mt-1 text-sm font-medium text-red-700">
      {errors.join(' ')}
    </p>
  );
}

/** The form-level message, announced when it appears. */
export function FormMessage({ message, tone = 'error' }: { message: string; tone?: 'error' | 'success' }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid="form-message"
      className={
        tone === 'error'
          ? 'rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800'
          : 'rounded-md border border-green-300 bg-green-50 px-3 py-2 text-green-800'
      }
    >
      {message}
    </div>
  );
}
