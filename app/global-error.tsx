"use client";

import "./globals.css";

/** Replaces the whole document when the root layout itself fails; like the error page, it shows no internals. */
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6">
          <h1 className="text-2xl font-semibold">Baton is not available right now</h1>
          <p className="mt-3 text-slate-700">Try again in a moment. Nothing you saved is lost.</p>
          {error.digest ? <p className="mt-2 text-sm text-slate-500">Reference for support: {error.digest}</p> : null}
          <button type="button" onClick={reset} className="mt-6 w-fit rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
