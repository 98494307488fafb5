import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Check your email" };

export default function CheckEmailPage() {
  return (
    <div className="space-y-3">
      <h1 className="text-lg font-semibold">Check your email</h1>
      <p className="text-sm text-slate-700">
        If an account exists for that address, a sign-in link is on its way. The link works once and expires in 15 minutes.
      </p>
      <p className="text-sm text-slate-700">
        Running Baton locally without an email provider? The email is in the{" "}
        <Link href="/dev/mailbox" className="font-medium text-indigo-700 underline">
          local mailbox
        </Link>
        .
      </p>
    </div>
  );
}
