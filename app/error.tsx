"use client";

import Link from "next/link";

/**
 * Renders the page shown when a page fails to render. It never shows the error's message or
 * stack, which may contain internals; the digest lets support find the
 * matching server log line.
 */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-slate-700">
        This page could not be shown. Nothing you saved is lost. Try again, and if it keeps failing, go back to your dashboard.
      </p>
      {error.digest ? <p className="mt-2 text-sm text-slate-500">Reference for support: {error.digest}</p> : null}
      <div className="mt-6 flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          Try again
        </button>
        <Link href="/" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
          Go to my dashboard
        </Link>
      </div>
    </main>
  );
}
