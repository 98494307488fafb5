import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";

import { getDb } from "~/server/db/client";
import { readMailboxEmail } from "~/server/email/mailbox";

import { ensureMailboxAccess } from "../access";

export const metadata: Metadata = { title: "Email · Local mailbox" };

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g;

/** Splits plain text into strings and links, so a sign-in link can be opened from here in one click. */
function linkify(text: string) {
  return text.split(URL_PATTERN).map((part, index) =>
    index % 2 === 1 ? (
      <a key={index} href={part} className="text-indigo-700 underline">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

function formatUtc(instant: Date): string {
  return `${instant.toISOString().replace("T", " ").slice(0, 19)} UTC`;
}

/** Shows one email of the local mailbox: its HTML in a sandboxed frame, then its plain-text part. */
export default async function MailboxEmailPage({ params }: { params: Promise<{ id: string }> }) {
  await connection();
  await ensureMailboxAccess();

  const { id } = await params;
  const email = await readMailboxEmail(await getDb(), id);
  if (!email) {
    notFound();
  }

  return (
    <main className="mx-auto max-w-5xl px-6 py-10">
      <Link href="/dev/mailbox" className="text-sm text-indigo-700 hover:underline">
        ← All emails
      </Link>
      <h1 className="mt-4 text-2xl font-semibold">{email.subject}</h1>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">To</dt>
        <dd>{email.to}</dd>
        <dt className="text-slate-600">Template</dt>
        <dd>{email.template}</dd>
        <dt className="text-slate-600">Queued</dt>
        <dd>{formatUtc(email.createdAt)}</dd>
        <dt className="text-slate-600">Status</dt>
        <dd>
          {email.status}
          {email.sentAt ? ` at ${formatUtc(email.sentAt)}` : ""} after {email.attempts}{" "}
          {email.attempts === 1 ? "attempt" : "attempts"}
        </dd>
        {email.lastError ? (
          <>
            <dt className="text-slate-600">Last error</dt>
            <dd className="text-rose-700">{email.lastError}</dd>
          </>
        ) : null}
      </dl>

      {email.rendered ? (
        <>
          <h2 className="mt-8 text-lg font-semibold">HTML</h2>
          {/* An empty sandbox runs no scripts and gives the email no access to this page. */}
          <iframe
            title={`HTML of “${email.subject}”`}
            srcDoc={email.rendered.html}
            sandbox=""
            className="mt-2 h-[640px] w-full rounded border border-slate-300 bg-white"
          />
          <h2 className="mt-8 text-lg font-semibold">Plain text</h2>
          <pre className="mt-2 overflow-x-auto rounded border border-slate-300 bg-white p-4 text-sm whitespace-pre-wrap">
            {linkify(email.rendered.text)}
          </pre>
        </>
      ) : (
        <p className="mt-8 text-rose-700">This email cannot be rendered: {email.renderError}</p>
      )}
    </main>
  );
}
