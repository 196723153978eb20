'use client';

import { useFormStatus } from 'react-dom';

export function SubmitButton({ children, pendingLabel, className = '' }: { children: React.ReactNode; pendingLabel?: string; className?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      aria-disabled={pending}
      className={`rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800 disabled:opacity-70 ${className}`}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
