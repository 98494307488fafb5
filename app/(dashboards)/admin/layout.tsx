import type { ReactNode } from "react";

import { requireRole } from "~/server/auth/guard";
import { mailboxAccess } from "~/server/email/mailbox";

import { DashboardShell } from "../_components/dashboard-shell";

const ADMIN_LINKS = [
  { href: "/admin", label: "Operations" },
  { href: "/admin/metrics", label: "Metrics" },
  { href: "/admin/unrouted", label: "Unrouted" },
  { href: "/admin/assistants", label: "Assistants" },
  { href: "/admin/settings", label: "Settings" },
  { href: "/admin/audit", label: "Audit log" },
];

// The local mailbox exists only while no Resend key is configured.
const MAILBOX_LINK = { href: "/dev/mailbox", label: "Mailbox" };

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireRole("admin");
  const links = mailboxAccess() === "disabled" ? ADMIN_LINKS : [...ADMIN_LINKS, MAILBOX_LINK];

  return (
    <DashboardShell user={user} homeHref="/admin" links={links}>
      {children}
    </DashboardShell>
  );
}
