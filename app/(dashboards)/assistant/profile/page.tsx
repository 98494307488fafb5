import type { Metadata } from "next";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { ProfileForm } from "../_components/profile-form";

export const metadata: Metadata = { title: "Your profile" };

/** Returns the IANA zones this server supports, with UTC added because Node 20 leaves it out of the list. */
function timeZoneOptions(): string[] {
  const zones = Intl.supportedValuesOf("timeZone");

  return zones.includes("UTC") ? zones : ["UTC", ...zones];
}

export default async function AssistantProfilePage() {
  await requireRole("assistant");
  const caller = await api();
  const profile = await caller.profile.get();

  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Your profile</h1>
        <p className="text-sm text-slate-700">
          {profile.name} · {profile.email}
        </p>
      </div>
      <ProfileForm
        initial={{ skills: profile.skills, timeZone: profile.timeZone, capacity: profile.capacity, available: profile.available, awayUntil: profile.awayUntil }}
        skillOptions={profile.skillOptions}
        capacityRange={profile.capacityRange}
        timeZoneOptions={timeZoneOptions()}
      />
    </div>
  );
}
