import type { Metadata } from "next";

import { api } from "~/app/_trpc/server";

import { PlanPicker } from "./plan-picker";

export const metadata: Metadata = { title: "Plans and top-ups" };

export default async function PlansPage() {
  const caller = await api();
  const options = await caller.billing.options();

  return (
    <section className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-2xl font-semibold">Plans and top-ups</h1>
      <PlanPicker options={options} />
    </section>
  );
}
