"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { fieldErrorsOf, formErrorOf } from "./trpc-errors";

/** Submits the work for the client's review with a delivery note, links and the assistant's confirmation of the time log. */
export function SubmitForm({ taskId, onSubmitted }: { taskId: string; onSubmitted: () => Promise<void> }) {
  const trpc = useTRPC();
  const [note, setNote] = useState("");
  const [links, setLinks] = useState("");
  const [confirmed, setConfirmed] = useState(false);
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const submit = useMutation(trpc.work.submit.mutationOptions({ onSuccess: onSubmitted }));

  const errors = { ...fieldErrorsOf(submit.error), ...localErrors };
  const formError = formErrorOf(submit.error);
  const linkErrors = Object.entries(errors).filter(([key]) => key === "links" || key.startsWith("links."));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (note.trim().length < 10) {
      problems.note = "Describe what was done in 10 to 10,000 characters.";
    }
    if (!confirmed) {
      problems.timeLogConfirmed = "Confirm that the time log is correct before submitting.";
    }
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) {
      submit.reset();

      return;
    }
    const lines = links
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
    submit.mutate({ taskId, note, links: lines, timeLogConfirmed: confirmed });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="submit-heading" className="space-y-3">
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <div className="space-y-1">
        <label htmlFor="delivery-note" className="block text-sm font-medium text-slate-800">
          Delivery note
        </label>
        <textarea
          id="delivery-note"
          rows={5}
          maxLength={10_000}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? "delivery-note-error" : "delivery-note-hint"}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600"
        />
        <p id="delivery-note-hint" className="text-xs text-slate-600">
          What you did and anything the client should check, in 10 to 10,000 characters.
        </p>
        {errors.note ? (
          <p id="delivery-note-error" className="text-sm text-red-700">
            {errors.note}
          </p>
        ) : null}
      </div>
      <div className="space-y-1">
        <label htmlFor="delivery-links" className="block text-sm font-medium text-slate-800">
          Links (optional)
        </label>
        <textarea
          id="delivery-links"
          rows={3}
          value={links}
          onChange={(event) => setLinks(event.target.value)}
          aria-invalid={linkErrors.length > 0 ? true : undefined}
          aria-describedby={linkErrors.length > 0 ? "delivery-links-error" : "delivery-links-hint"}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600"
        />
        <p id="delivery-links-hint" className="text-xs text-slate-600">
          One per line, starting with http:// or https://. At most 10.
        </p>
        {linkErrors.length > 0 ? (
          <div id="delivery-links-error" className="text-sm text-red-700">
            {linkErrors.map(([key, message]) => (
              <p key={key}>{key === "links" ? message : `Link ${Number(key.split(".")[1]) + 1}: ${message}`}</p>
            ))}
          </div>
        ) : null}
      </div>
      <div className="space-y-1">
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(event) => setConfirmed(event.target.checked)}
            required
            aria-invalid={errors.timeLogConfirmed ? true : undefined}
            aria-describedby={errors.timeLogConfirmed ? "delivery-confirm-error" : undefined}
            className="mt-0.5"
          />
          <span>The time log is correct</span>
        </label>
        {errors.timeLogConfirmed ? (
          <p id="delivery-confirm-error" className="text-sm text-red-700">
            {errors.timeLogConfirmed}
          </p>
        ) : null}
      </div>
      <p className="text-xs text-slate-600">Submitting stops your timer on this task.</p>
      <Button type="submit" disabled={submit.isPending}>
        {submit.isPending ? "Submitting…" : "Submit for review"}
      </Button>
    </form>
  );
}
