"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";
import type { PlanCode } from "~/server/billing/purchase";

import { formatDuration } from "../../_components/format";

interface Options {
  onTrial: boolean;
  currentPlan: string | null;
  remainingSeconds: number;
  plans: Array<{ code: PlanCode; seconds: number }>;
  topUpSeconds: number[];
  primaryAssistantId: string | null;
  trialAssistants: Array<{ assistantId: string; name: string; trialSeconds: number }>;
}

const PLAN_NAMES: Record<string, string> = { starter: "Starter", standard: "Standard", pro: "Pro", team: "Team" };

const hours = (seconds: number) => `${Math.round((seconds / 3600) * 10) / 10} h`;

/** A fresh key per purchase attempt; retries of the same click reuse it, so nothing is bought twice. */
function newKey(): string {
  return crypto.randomUUID();
}

function errorMessage(error: unknown): string | null {
  if (!error) {
    return null;
  }
  if (error instanceof TRPCClientError) {
    const fields = (error.data as { fieldErrors?: Record<string, string> | null } | undefined)?.fieldErrors;

    return fields ? Object.values(fields).join(" ") : error.message;
  }

  return "The purchase failed. Check your connection and try again; you will not be charged twice.";
}

export function PlanPicker({ options }: { options: Options }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [planKey, setPlanKey] = useState(newKey);
  const [topUpKey, setTopUpKey] = useState(newKey);
  const [primary, setPrimary] = useState<string>(options.trialAssistants[0]?.assistantId ?? "");
  const toReceipt = (result: { purchaseId: string }) => router.push(`/client/plans/receipt/${result.purchaseId}`);
  const plan = useMutation(trpc.billing.purchasePlan.mutationOptions({ onSuccess: (result) => { setPlanKey(newKey()); toReceipt(result); } }));
  const topUp = useMutation(trpc.billing.buyTopUp.mutationOptions({ onSuccess: (result) => { setTopUpKey(newKey()); toReceipt(result); } }));
  const busy = plan.isPending || topUp.isPending;
  const failure = errorMessage(plan.error ?? topUp.error);

  return (
    <div className="space-y-8">
      <p className="text-sm text-slate-700">
        {options.onTrial ? "You are on the free trial." : `Your plan: ${PLAN_NAMES[options.currentPlan ?? ""] ?? "none"}.`} Time left: {formatDuration(options.remainingSeconds)}.
      </p>
      {failure ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {failure}
        </p>
      ) : null}

      {options.onTrial && options.trialAssistants.length > 0 ? (
        <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
          <legend className="px-1 text-sm font-medium">Your primary assistant</legend>
          <p className="text-sm text-slate-600">They get your briefs first. We suggest the one who did most of your trial work.</p>
          {options.trialAssistants.map((assistant) => (
            <label key={assistant.assistantId} className="flex items-center gap-2 text-sm">
              <input type="radio" name="primary" value={assistant.assistantId} checked={primary === assistant.assistantId} onChange={() => setPrimary(assistant.assistantId)} />
              {assistant.name} <span className="text-slate-500">({formatDuration(assistant.trialSeconds)} of your trial)</span>
            </label>
          ))}
        </fieldset>
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2">
        {options.plans.map((option) => {
          const current = option.code === options.currentPlan;

          return (
            <div key={option.code} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <h2 className="text-lg font-semibold">{PLAN_NAMES[option.code] ?? option.code}</h2>
              <p className="text-sm text-slate-700">{hours(option.seconds)} of assistant time each month. Hours renew monthly and do not roll over.</p>
              <Button
                className="mt-3"
                disabled={busy || current}
                onClick={() => plan.mutate({ planCode: option.code, idempotencyKey: planKey, primaryAssistantId: options.onTrial && primary ? primary : null })}
              >
                {current ? "Your current plan" : options.onTrial ? `Upgrade to ${PLAN_NAMES[option.code] ?? option.code}` : `Switch to ${PLAN_NAMES[option.code] ?? option.code}`}
              </Button>
            </div>
          );
        })}
      </div>

      <section id="top-ups" className="space-y-2">
        <h2 className="text-lg font-semibold">One-off top-ups</h2>
        <p className="text-sm text-slate-700">Extra time for this cycle only.</p>
        <div className="flex flex-wrap gap-3">
          {options.topUpSeconds.map((seconds) => (
            <Button key={seconds} variant="secondary" disabled={busy} onClick={() => topUp.mutate({ seconds, idempotencyKey: topUpKey })}>
              Buy {hours(seconds)}
            </Button>
          ))}
        </div>
      </section>
    </div>
  );
}
