"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { formatDuration, formatInstant } from "../../_components/format";
import { formatElapsed } from "./clock-format";
import { DeclineForm } from "./decline-form";
import { factorLabel } from "./factor-labels";
import type { Notice, OverviewOffer } from "./types";

const DESCRIPTION_PREVIEW_CHARACTERS = 400;

function preview(text: string): string {
  const characters = Array.from(text);

  return characters.length <= DESCRIPTION_PREVIEW_CHARACTERS ? text : `${characters.slice(0, DESCRIPTION_PREVIEW_CHARACTERS - 1).join("")}…`;
}

interface OfferCardProps {
  offer: OverviewOffer;
  timeZone: string;
  /** The server's current time in milliseconds, ticking. */
  serverNowMs: number;
  onNotice: (notice: Notice) => void;
  /** Called after the offer changed on the server, so the list reloads. */
  onChanged: () => void;
}

/** Renders one pending offer with the brief, a live expiry countdown, why it was sent, and Accept and Decline. */
export function OfferCard({ offer, timeZone, serverNowMs, onNotice, onChanged }: OfferCardProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const [declining, setDeclining] = useState(false);
  const headingId = `offer-${offer.id}-title`;

  const accept = useMutation(
    trpc.offer.accept.mutationOptions({
      onSuccess: (result) => router.push(`/assistant/tasks/${result.taskId}`),
      onError: (error) => {
        onNotice({ tone: "error", text: `“${offer.task.title}”: ${error.message}` });
        onChanged();
      },
    }),
  );

  const secondsLeft = Math.max(0, Math.floor((offer.expiresAt.getTime() - serverNowMs) / 1000));
  const expired = secondsLeft === 0;
  const totalWeight = offer.factors.reduce((total, factor) => total + factor.weight, 0);
  const task = offer.task;

  return (
    <li aria-labelledby={headingId} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="text-sm font-medium text-slate-700">{task.clientName}</p>
          <h2 id={headingId} className="text-lg font-semibold break-words">
            {task.title}
          </h2>
        </div>
        <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${offer.clientOnTrial ? "bg-amber-100 text-amber-900" : "bg-emerald-100 text-emerald-800"}`}>
          {offer.clientOnTrial ? "Trial client — a chance to win a new client" : "Paid plan"}
        </span>
      </div>

      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-slate-600">Expires in</dt>
          <dd className="font-medium">
            {expired ? (
              "Expired"
            ) : (
              <span role="timer" className="tabular-nums" suppressHydrationWarning>
                {formatElapsed(secondsLeft)}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt className="text-slate-600">Due</dt>
          <dd className="font-medium">{task.dueAt ? formatInstant(task.dueAt, timeZone) : "No due date"}</dd>
        </div>
        <div>
          <dt className="text-slate-600">Time limit</dt>
          <dd className="font-medium">{task.timeLimitSeconds ? formatDuration(task.timeLimitSeconds) : "No limit"}</dd>
        </div>
      </dl>

      <ul aria-label="Required skills" className="flex flex-wrap gap-2">
        {task.skills.map((skill) => (
          <li key={skill.slug} className="rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-800">
            {skill.name}
          </li>
        ))}
      </ul>

      <p className="text-sm whitespace-pre-wrap break-words text-slate-800">{preview(task.description)}</p>

      {task.standingNotes.trim() ? (
        <div className="rounded-md bg-slate-50 p-3 text-sm">
          <p className="font-medium text-slate-800">The client&apos;s standing notes</p>
          <p className="mt-1 whitespace-pre-wrap break-words text-slate-700">{task.standingNotes}</p>
        </div>
      ) : null}

      <details className="text-sm">
        <summary className="cursor-pointer rounded-md font-medium text-indigo-700">Why you got this</summary>
        {offer.factors.length > 0 ? (
          <ul className="mt-2 space-y-2">
            {offer.factors.map((factor) => {
              const { label, help } = factorLabel(factor.name);

              return (
                <li key={factor.name} className="border-t border-slate-200 pt-2">
                  <p className="flex flex-wrap justify-between gap-x-4">
                    <span className="font-medium">{label}</span>
                    <span className="tabular-nums">
                      {Math.round(factor.value * 100)} %
                      {totalWeight > 0 ? <span className="text-slate-600"> · {Math.round((factor.weight / totalWeight) * 100)} % of the score</span> : null}
                    </span>
                  </p>
                  {help ? <p className="text-slate-600">{help}</p> : null}
                </li>
              );
            })}
          </ul>
        ) : (
          <p className="mt-2 text-slate-700">No breakdown was stored for this offer.</p>
        )}
      </details>

      {declining ? (
        <DeclineForm
          offerId={offer.id}
          title={task.title}
          onCancel={() => setDeclining(false)}
          onDeclined={() => {
            onNotice({ tone: "status", text: `You declined “${task.title}”.` });
            onChanged();
          }}
        />
      ) : (
        <div className="flex flex-wrap gap-3">
          <Button onClick={() => accept.mutate({ offerId: offer.id })} disabled={accept.isPending || accept.isSuccess || expired}>
            {accept.isPending || accept.isSuccess ? "Accepting…" : "Accept"}
          </Button>
          <Button variant="secondary" onClick={() => setDeclining(true)} disabled={accept.isPending || accept.isSuccess || expired}>
            Decline
          </Button>
        </div>
      )}
    </li>
  );
}
