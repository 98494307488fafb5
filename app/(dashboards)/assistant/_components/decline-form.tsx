"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { fieldErrorsOf, formErrorOf } from "./trpc-errors";

const REASONS = [
  { value: "not_interested", label: "Not interested" },
  { value: "lacks_skill", label: "I lack a skill" },
  { value: "no_capacity", label: "No capacity" },
  { value: "other", label: "Other" },
] as const;

type Reason = (typeof REASONS)[number]["value"];

interface DeclineFormProps {
  offerId: string;
  title: string;
  onCancel: () => void;
  onDeclined: () => void;
}

/** Asks why the assistant declines an offer, then declines it. */
export function DeclineForm({ offerId, title, onCancel, onDeclined }: DeclineFormProps) {
  const trpc = useTRPC();
  const [reason, setReason] = useState<Reason | null>(null);
  const [note, setNote] = useState("");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const decline = useMutation(trpc.offer.decline.mutationOptions({ onSuccess: onDeclined }));

  const errors = { ...fieldErrorsOf(decline.error), ...localErrors };
  const formError = formErrorOf(decline.error);
  const idPrefix = `decline-${offerId}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason) {
      setLocalErrors({ reason: "Choose a reason." });
      decline.reset();

      return;
    }
    setLocalErrors({});
    const trimmed = note.trim();
    decline.mutate({ offerId, reason, ...(trimmed ? { note: trimmed } : {}) });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Decline “${title}”`} className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3">
      <p className="text-sm text-slate-800">Declining never counts against you. Your reason only helps us send you work you want.</p>
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
          {formError}
        </p>
      ) : null}

      <fieldset aria-describedby={errors.reason ? `${idPrefix}-reason-error` : undefined} className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Why are you declining?</legend>
        {REASONS.map((option) => (
          <label key={option.value} className="flex items-center gap-2 text-sm">
            <input type="radio" name={`${idPrefix}-reason`} value={option.value} checked={reason === option.value} onChange={() => setReason(option.value)} />
            {option.label}
          </label>
        ))}
        {errors.reason ? (
          <p id={`${idPrefix}-reason-error`} className="text-sm text-red-700">
            {errors.reason}
          </p>
        ) : null}
      </fieldset>

      <div className="space-y-1">
        <label htmlFor={`${idPrefix}-note`} className="block text-sm font-medium text-slate-800">
          {reason === "other" ? "What is the reason? (optional)" : "Note (optional)"}
        </label>
        <textarea
          id={`${idPrefix}-note`}
          rows={2}
          maxLength={500}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={errors.note ? `${idPrefix}-note-error` : undefined}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-invalid:border-red-600"
        />
        {errors.note ? (
          <p id={`${idPrefix}-note-error`} className="text-sm text-red-700">
            {errors.note}
          </p>
        ) : null}
      </div>

      <div className="flex flex-wrap gap-3">
        <Button type="submit" variant="danger" disabled={decline.isPending}>
          {decline.isPending ? "Declining…" : "Decline offer"}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={decline.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
