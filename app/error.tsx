'use client';

// Shown instead of a stack trace when a page fails. Strings are bilingual because this boundary
// cannot load translations when the failure happened there.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">Something went wrong · Algo salió mal</h1>
      <p className="mt-3 text-stone-700">Nothing was changed. Please try again. · No se cambió nada. Inténtelo de nuevo.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
        Try again · Intentar de nuevo
      </button>
    </main>
  );
}
