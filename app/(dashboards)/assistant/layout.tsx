import type { ReactNode } from "react";

import { requireRole } from "~/server/auth/guard";

import { DashboardShell } from "../_components/dashboard-shell";

const ASSISTANT_LINKS = [
  { href: "/assistant", label: "Offers and tasks" },
  { href: "/assistant/history", label: "History" },
  { href: "/assistant/stats", label: "Stats" },
  { href: "/assistant/profile", label: "Profile" },
];

export default async function AssistantLayout({ children }: { children: ReactNode }) {
  const user = await requireRole("assistant");

  return (
    <DashboardShell user={user} homeHref="/assistant" links={ASSISTANT_LINKS}>
      {children}
    </DashboardShell>
  );
}
