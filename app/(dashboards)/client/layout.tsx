import type { ReactNode } from "react";

import { requireRole } from "~/server/auth/guard";

import { DashboardShell } from "../_components/dashboard-shell";

const CLIENT_LINKS = [
  { href: "/client", label: "Your tasks" },
  { href: "/client/briefs/new", label: "New brief" },
  { href: "/client/assistants", label: "My assistants" },
  { href: "/client/notes", label: "Notes for assistants" },
  { href: "/client/plans", label: "Plans and top-ups" },
];

export default async function ClientLayout({ children }: { children: ReactNode }) {
  const user = await requireRole("client");

  return (
    <DashboardShell user={user} homeHref="/client" links={CLIENT_LINKS}>
      {children}
    </DashboardShell>
  );
}
