"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { AssistantPicker } from "../_components/assistant-picker";
import { ReasonField } from "../_components/reason-field";
import type { UnroutedQueueData } from "../_components/router-outputs";
import { fieldErrorsOf, formErrorOf } from "../_components/trpc-errors";

type Task = UnroutedQueueData["tasks"][number];

interface OfferFormProps {
  task: Task;
  assistants: UnroutedQueueData["assistants"];
  timeZone: string;
  onOffered: (assistantName: string) => void;
  onCancel: () => void;
}

/** Offers one unrouted task to an assistant the admin picks, with a reason. */
export function OfferForm({ task, assistants, timeZone, onOffered, onCancel }: OfferFormProps) {
  const trpc = useTRPC();
  const [assistantId, setAssistantId] = useState("");
  const [reason, setReason] = useState("");
  const [missingChoice, setMissingChoice] = useState(false);
  const offer = useMutation(
    trpc.adminOps.offerByHand.mutationOptions({
      onSuccess: () => onOffered(assistants.find((assistant) => assistant.id === assistantId)?.name ?? "the assistant"),
    }),
  );
  const fieldErrors = fieldErrorsOf(offer.error);
  const formError = formErrorOf(offer.error, ["assistantId", "reason"]);
  const unavailable = new Map(task.offeredAssistantIds.map((id) => [id, "already offered this task"]));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissingChoice(assistantId === "");
    if (assistantId === "") {
      return;
    }
    offer.mutate({ taskId: task.id, assistantId, reason });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <AssistantPicker
        legend={`Offer “${task.title}” to`}
        assistants={assistants}
        requiredSkills={task.skills.map((skill) => skill.slug)}
        unavailable={unavailable}
        value={assistantId}
        onChange={setAssistantId}
        error={missingChoice ? "Choose an assistant." : fieldErrors.assistantId}
        timeZone={timeZone}
      />
      <ReasonField id={`offer-reason-${task.id}`} value={reason} onChange={(event) => setReason(event.target.value)} error={fieldErrors.reason} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={offer.isPending}>
          {offer.isPending ? "Offering…" : "Send the offer"}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
