import Link from "next/link";

export const metadata = { title: "Page not found" };

/** Renders the 404 page for any address that matches no page, and for rows the viewer may not see. */
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-lg flex-col justify-center px-6">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Page not found</h1>
      <p className="mt-3 text-slate-700">
        This page does not exist, or it belongs to another account. Check the address, or go back to your dashboard.
      </p>
      <Link href="/" className="mt-6 inline-flex w-fit rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
        Go to my dashboard
      </Link>
    </main>
  );
}
