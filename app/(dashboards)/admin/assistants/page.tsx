import type { Metadata } from "next";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { AssistantList } from "./assistant-list";

export const metadata: Metadata = { title: "Assistants" };

export default async function AssistantsPage() {
  const user = await requireRole("admin");
  const caller = await api();
  const data = await caller.admin.assistants();

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Assistants</h1>
      <AssistantList data={data} timeZone={user.timeZone} />
    </div>
  );
}
