import type { Metadata } from "next";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { AssistantDashboard } from "./_components/assistant-dashboard";

export const metadata: Metadata = { title: "Offers and tasks" };

export default async function AssistantHomePage() {
  const user = await requireRole("assistant");
  const caller = await api();
  const overview = await caller.assistant.overview();

  return <AssistantDashboard initialOverview={overview} timeZone={user.timeZone} />;
}
