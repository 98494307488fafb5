import type { Metadata } from "next";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { SettingsForm } from "./settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireRole("admin");
  const caller = await api();
  const settings = await caller.admin.settings();

  return (
    <div className="mx-auto max-w-4xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Settings</h1>
        <p className="text-slate-700">
          The rules every task follows. A change applies to new work at once; deadlines already set keep their time. Each change is kept in the audit log.
        </p>
      </div>
      <SettingsForm initial={settings} timeZone={user.timeZone} />
    </div>
  );
}
