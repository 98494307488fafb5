import type { Metadata } from "next";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { UnroutedQueue } from "./unrouted-queue";

export const metadata: Metadata = { title: "Unrouted tasks" };

export default async function UnroutedPage() {
  const user = await requireRole("admin");
  const caller = await api();
  const queue = await caller.admin.unroutedQueue();

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Unrouted tasks</h1>
        <p className="text-slate-700">
          Routing found no assistant for these tasks, longest waiting first. Offer one to an assistant by hand; the client was told the platform is still looking.
        </p>
      </div>
      <UnroutedQueue data={queue} timeZone={user.timeZone} />
    </div>
  );
}
