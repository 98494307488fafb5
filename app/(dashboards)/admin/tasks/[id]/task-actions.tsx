"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { AssistantPicker, type AssistantChoice } from "../../_components/assistant-picker";
import { ReasonField } from "../../_components/reason-field";
import { fieldErrorsOf, formErrorOf } from "../../_components/trpc-errors";

interface TaskActionsProps {
  taskId: string;
  /** The open assignment the page shows, sent back so a change made meanwhile is a conflict. */
  openAssignmentId: string | null;
  currentAssistantId: string | null;
  requiredSkills: string[];
  assistants: AssistantChoice[];
  timeZone: string;
}

function ErrorBox({ message, onReload }: { message: string; onReload?: () => void }) {
  return (
    <div role="alert" className="space-y-2 rounded-md bg-red-50 p-3 text-sm text-red-800">
      <p>{message}</p>
      {onReload ? (
        <Button variant="secondary" className="px-3 py-1" onClick={onReload}>
          Reload the task
        </Button>
      ) : null}
    </div>
  );
}

function ReassignForm({ taskId, openAssignmentId, currentAssistantId, requiredSkills, assistants, timeZone, onDone }: TaskActionsProps & { onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [assistantId, setAssistantId] = useState("");
  const [reason, setReason] = useState("");
  const [missingChoice, setMissingChoice] = useState(false);
  const reassign = useMutation(
    trpc.adminOps.reassign.mutationOptions({
      onSuccess: () => {
        onDone(`Reassigned to ${assistants.find((assistant) => assistant.id === assistantId)?.name ?? "the assistant"}. They have the start window to start the timer.`);
        router.refresh();
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(reassign.error);
  const formError = formErrorOf(reassign.error, ["toAssistantId", "reason"]);
  const conflict = reassign.error?.data?.code === "CONFLICT";

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMissingChoice(assistantId === "");
    if (assistantId !== "") {
      reassign.mutate({ taskId, toAssistantId: assistantId, expectedAssignmentId: openAssignmentId, reason });
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="reassign-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 id="reassign-heading" className="font-semibold">
        Reassign
      </h3>
      {formError ? (
        <ErrorBox
          message={formError}
          onReload={
            conflict
              ? () => {
                  reassign.reset();
                  router.refresh();
                }
              : undefined
          }
        />
      ) : null}
      <AssistantPicker
        legend="Give the task to"
        assistants={assistants}
        requiredSkills={requiredSkills}
        unavailable={new Map(currentAssistantId ? [[currentAssistantId, "has the task now"]] : [])}
        value={assistantId}
        onChange={setAssistantId}
        error={missingChoice ? "Choose an assistant." : fieldErrors.toAssistantId}
        timeZone={timeZone}
      />
      <ReasonField id="reassign-reason" value={reason} onChange={(event) => setReason(event.target.value)} error={fieldErrors.reason} />
      <Button type="submit" disabled={reassign.isPending}>
        {reassign.isPending ? "Reassigning…" : "Reassign the task"}
      </Button>
    </form>
  );
}

function CancelForm({ taskId, onDone }: { taskId: string; onDone: (message: string) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const cancel = useMutation(
    trpc.adminOps.cancel.mutationOptions({
      onSuccess: () => {
        onDone("The task is cancelled. Logged time stays billed.");
        router.refresh();
      },
    }),
  );
  const fieldErrors = fieldErrorsOf(cancel.error);
  const formError = formErrorOf(cancel.error, ["reason"]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (window.confirm("Cancel this task? Its timer stops, open offers are withdrawn and this cannot be undone.")) {
      cancel.mutate({ taskId, reason });
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="cancel-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 id="cancel-heading" className="font-semibold">
        Cancel the task
      </h3>
      <p className="text-sm text-slate-700">The running timer stops, logged time stays billed and pending offers are withdrawn.</p>
      {formError ? <ErrorBox message={formError} /> : null}
      <ReasonField id="cancel-reason" value={reason} onChange={(event) => setReason(event.target.value)} error={fieldErrors.reason} />
      <Button type="submit" variant="danger" disabled={cancel.isPending}>
        {cancel.isPending ? "Cancelling…" : "Cancel the task"}
      </Button>
    </form>
  );
}

/** Renders the admin's actions on a task that is not finished: reassign it, or cancel it. */
export function TaskActions(props: TaskActionsProps) {
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="space-y-4">
      <p role="status" className={notice ? "rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" : "sr-only"}>
        {notice ?? ""}
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <ReassignForm {...props} onDone={setNotice} />
        <CancelForm taskId={props.taskId} onDone={setNotice} />
      </div>
    </div>
  );
}
