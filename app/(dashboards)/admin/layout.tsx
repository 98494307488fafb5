import type { ReactNode } from "react";

import { requireRole } from "~/server/auth/guard";

import { DashboardShell } from "../_components/dashboard-shell";

const ADMIN_LINKS = [{ href: "/admin", label: "Operations" }];

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireRole("admin");

  return (
    <DashboardShell user={user} homeHref="/admin" links={ADMIN_LINKS}>
      {children}
    </DashboardShell>
  );
}
