import type { Metadata } from "next";
import Link from "next/link";

import { api } from "~/app/_trpc/server";

export const metadata: Metadata = { title: "Receipt" };

export default async function ReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const caller = await api();
  const receipt = await caller.billing.receipt({ purchaseId: id });
  const what = receipt.kind === "plan" ? `${receipt.planCode ?? ""} plan, ${receipt.seconds / 3600} h a month` : `Top-up of ${receipt.seconds / 3600} h`;

  return (
    <section className="mx-auto max-w-xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-2xl font-semibold">Receipt</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="font-medium">Client</dt>
        <dd>{receipt.client.companyName}</dd>
        <dt className="font-medium">Purchase</dt>
        <dd className="capitalize">{what}</dd>
        <dt className="font-medium">Date</dt>
        <dd>{receipt.createdAt.toISOString().replace("T", " ").slice(0, 16)} UTC</dd>
        <dt className="font-medium">Reference</dt>
        <dd className="font-mono text-xs">{receipt.providerRef ?? receipt.id}</dd>
      </dl>
      <p className="text-sm text-slate-700">The time is available now. Tasks that ran out of time go back to their assistants.</p>
      <Link href="/client" className="font-medium text-indigo-700 underline">
        Back to your tasks
      </Link>
    </section>
  );
}
