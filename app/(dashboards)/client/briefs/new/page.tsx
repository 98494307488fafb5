import type { Metadata } from "next";
import Link from "next/link";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { BriefForm } from "./brief-form";

export const metadata: Metadata = { title: "New brief" };

export default async function NewBriefPage() {
  const user = await requireRole("client");
  const caller = await api();
  const [skills, overview] = await Promise.all([caller.brief.skills(), caller.brief.context()]);

  if (overview.remainingSeconds <= 0) {
    return (
      <section className="mx-auto max-w-2xl space-y-4">
        <h1 className="text-2xl font-semibold">New brief</h1>
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-medium">You have no time left{overview.onTrial ? " on your free trial" : " this cycle"}.</p>
          <p className="mt-1">A new brief needs time to spend. Choose a plan or buy a top-up, then come back: nothing is lost.</p>
          <p className="mt-3 flex gap-3">
            <Link href="/client/plans" className="font-medium text-indigo-700 underline">
              {overview.onTrial ? "Choose a plan" : "Upgrade your plan"}
            </Link>
            {overview.onTrial ? null : (
              <Link href="/client/plans#top-ups" className="font-medium text-indigo-700 underline">
                Buy a top-up
              </Link>
            )}
          </p>
        </div>
      </section>
    );
  }

  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">New brief</h1>
      <BriefForm skills={skills} onTrial={overview.onTrial} hasPrimary={overview.hasPrimary} teamSize={overview.teamSize} timeZone={user.timeZone} />
    </section>
  );
}
