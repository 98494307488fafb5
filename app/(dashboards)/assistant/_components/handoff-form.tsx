"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { Field } from "~/app/_components/field";
import { useTRPC } from "~/app/_trpc/react";

import { fieldErrorsOf, formErrorOf } from "./trpc-errors";

/** Renders the form that tells the client what was achieved on an out-of-time task and how many more minutes it needs. */
export function HandoffForm({ taskId, onSent }: { taskId: string; onSent: () => Promise<void> }) {
  const trpc = useTRPC();
  const [achieved, setAchieved] = useState("");
  const [minutes, setMinutes] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [sent, setSent] = useState(false);
  const send = useMutation(
    trpc.work.sendHandoff.mutationOptions({
      onSuccess: async () => {
        setAchieved("");
        setMinutes("");
        setSent(true);
        await onSent();
      },
    }),
  );

  const errors = { ...fieldErrorsOf(send.error), ...localErrors };
  const formError = formErrorOf(send.error);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const extraMinutesNeeded = Number(minutes);
    if (minutes.trim() === "" || !Number.isInteger(extraMinutesNeeded)) {
      setLocalErrors({ extraMinutesNeeded: "Extra minutes must be a whole number from 0 to 2400." });
      send.reset();

      return;
    }
    setLocalErrors({});
    setSent(false);
    send.mutate({ taskId, achieved, extraMinutesNeeded });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="handoff-heading" className="space-y-3">
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <div className="space-y-1">
        <label htmlFor="handoff-achieved" className="block text-sm font-medium text-slate-800">
          What was achieved
        </label>
        <textarea
          id="handoff-achieved"
          rows={4}
          maxLength={5000}
          value={achieved}
          onChange={(event) => setAchieved(event.target.value)}
          aria-invalid={errors.achieved ? true : undefined}
          aria-describedby={errors.achieved ? "handoff-achieved-error" : "handoff-achieved-hint"}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600"
        />
        <p id="handoff-achieved-hint" className="text-xs text-slate-600">
          What is done and what remains, in 10 to 5,000 characters.
        </p>
        {errors.achieved ? (
          <p id="handoff-achieved-error" className="text-sm text-red-700">
            {errors.achieved}
          </p>
        ) : null}
      </div>
      <Field
        id="handoff-minutes"
        label="Extra minutes needed"
        name="extraMinutesNeeded"
        type="number"
        inputMode="numeric"
        min={0}
        max={2400}
        value={minutes}
        onChange={(event) => setMinutes(event.target.value)}
        hint="Your estimate of the time left to finish, from 0 to 2400 minutes."
        error={errors.extraMinutesNeeded}
      />
      <Button type="submit" disabled={send.isPending}>
        {send.isPending ? "Sending…" : "Send handoff"}
      </Button>
      {sent ? (
        <p role="status" className="text-sm text-emerald-900">
          Handoff sent. The client has been told, and you will hear when they add time.
        </p>
      ) : null}
    </form>
  );
}
