import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";

import { getDb } from "~/server/db/client";
import { listMailbox } from "~/server/email/mailbox";

import { ensureMailboxAccess } from "./access";

export const metadata: Metadata = { title: "Local mailbox" };

const STATUS_STYLE = {
  pending: "bg-amber-100 text-amber-800",
  sent: "bg-emerald-100 text-emerald-800",
  failed: "bg-rose-100 text-rose-800",
} as const;

/** Lists every email the app queued while no Resend key is configured, newest first. */
export default async function MailboxPage() {
  await connection();
  await ensureMailboxAccess();

  const emails = await listMailbox(await getDb());

  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <h1 className="text-2xl font-semibold">Local mailbox</h1>
      <p className="mt-2 text-sm text-slate-600">
        No Resend API key is configured, so emails stay here instead of being sent. Sign-in links arrive here too.
      </p>
      {emails.length === 0 ? (
        <p className="mt-8 text-slate-600">No emails yet.</p>
      ) : (
        <table className="mt-8 w-full border-collapse text-left text-sm">
          <thead className="border-b border-slate-300 text-slate-600">
            <tr>
              <th className="py-2 pr-4 font-medium">To</th>
              <th className="py-2 pr-4 font-medium">Subject</th>
              <th className="py-2 pr-4 font-medium">Queued</th>
              <th className="py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody>
            {emails.map((email) => (
              <tr key={email.id} className="border-b border-slate-200 align-top">
                <td className="py-2 pr-4 whitespace-nowrap">{email.to}</td>
                <td className="py-2 pr-4">
                  <Link href={`/dev/mailbox/${email.id}`} className="text-indigo-700 hover:underline">
                    {email.subject}
                  </Link>
                </td>
                <td className="py-2 pr-4 whitespace-nowrap">
                  <time dateTime={email.createdAt.toISOString()}>{email.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                </td>
                <td className="py-2">
                  <span className={`rounded px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[email.status]}`}>{email.status}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
