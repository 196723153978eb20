'use client';

// The sign-in steps are server actions; when the per-IP limit answers 429 (proxy.ts), the action
// call fails in the browser with the server's plain-text message, and this boundary shows it.
// Bilingual fallback title: a boundary cannot load translations.
export default function SignInError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const message = !error.digest && error.message ? error.message : 'Please try again. · Inténtelo de nuevo.';
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-10">
      <h1 className="text-2xl font-semibold">Sign-in paused · Inicio de sesión en pausa</h1>
      <div role="alert" data-testid="form-message" className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-red-800">
        {message}
      </div>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-brand-700 px-4 py-2 font-medium text-white">
        Try again · Intentar de nuevo
      </button>
    </main>
  );
}
