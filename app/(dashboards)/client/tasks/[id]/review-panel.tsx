"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { usePageRefresh } from "../../../_components/use-page-refresh";
import { readMutationError } from "../../_components/mutation-error";
import { TextAreaField } from "~/app/_components/field";

const RATINGS = [1, 2, 3, 4, 5] as const;

interface ReviewPanelProps {
  taskId: string;
  delivery: { assistantName: string; note: string; links: string[]; sentAt: string };
  /** When the work is approved automatically unless the client reviews it, already formatted. */
  autoApproveText: string | null;
}

/** Renders a 1–5 star rating as a native radio group, so arrow keys move between the stars. */
function StarRating({ value, onChange, error }: { value: number | null; onChange: (rating: number | null) => void; error: string | undefined }) {
  return (
    <fieldset aria-describedby={error ? "rating-error" : "rating-hint"} className="space-y-1">
      <legend className="text-sm font-medium text-slate-800">Rating (optional)</legend>
      <div className="flex flex-wrap items-center gap-2">
        <div className="flex">
          {RATINGS.map((rating) => (
            <label key={rating} className="cursor-pointer">
              <input
                type="radio"
                name="rating"
                value={rating}
                checked={value === rating}
                onChange={() => onChange(rating)}
                className="peer sr-only"
              />
              <span
                aria-hidden="true"
                className={`block rounded px-1 text-3xl leading-none peer-focus-visible:outline-2 peer-focus-visible:outline-indigo-600 ${value !== null && rating <= value ? "text-amber-500" : "text-slate-300"}`}
              >
                ★
              </span>
              <span className="sr-only">{rating === 1 ? "1 star" : `${rating} stars`}</span>
            </label>
          ))}
        </div>
        {value !== null ? (
          <button type="button" onClick={() => onChange(null)} className="rounded-md px-2 py-1 text-sm text-indigo-700 underline">
            Clear rating
          </button>
        ) : null}
      </div>
      <p id="rating-hint" className="text-xs text-slate-600">
        {value === null ? "No rating chosen." : `${value} out of 5.`}
      </p>
      {error ? (
        <p id="rating-error" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function ApproveForm({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const { refresh, refreshing } = usePageRefresh();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState("");
  const approve = useMutation(trpc.review.approve.mutationOptions({ onSuccess: refresh }));
  const pending = approve.isPending || refreshing;
  const { fieldErrors, formError } = readMutationError(approve.error, ["rating", "comment"]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    approve.mutate({ taskId, rating, comment: comment.trim() === "" ? null : comment });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="approve-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 id="approve-heading" className="font-semibold">
        Approve the work
      </h3>
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <StarRating value={rating} onChange={setRating} error={fieldErrors.rating} />
      <TextAreaField
        label="Comment (optional)"
        name="comment"
        id="approve-comment"
        rows={3}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        hint="Your assistant sees it. At most 2,000 characters."
        error={fieldErrors.comment}
      />
      <Button type="submit" disabled={pending}>
        {pending ? "Approving…" : "Approve and complete"}
      </Button>
      {approve.isSuccess && !pending ? (
        <p role="status" className="text-sm text-emerald-800">
          Approved. The task is complete.
        </p>
      ) : null}
    </form>
  );
}

function RequestChangesForm({ taskId }: { taskId: string }) {
  const trpc = useTRPC();
  const { refresh, refreshing } = usePageRefresh();
  const [note, setNote] = useState("");
  const requestChanges = useMutation(trpc.review.requestChanges.mutationOptions({ onSuccess: refresh }));
  const pending = requestChanges.isPending || refreshing;
  const { fieldErrors, formError } = readMutationError(requestChanges.error, ["note"]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    requestChanges.mutate({ taskId, note });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="changes-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h3 id="changes-heading" className="font-semibold">
        Request changes
      </h3>
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      <TextAreaField
        label="What should change"
        name="note"
        id="changes-note"
        rows={5}
        value={note}
        onChange={(event) => setNote(event.target.value)}
        hint="The same assistant picks the task up again. 3 to 5,000 characters."
        error={fieldErrors.note}
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Sending…" : "Request changes"}
      </Button>
      {requestChanges.isSuccess && !pending ? (
        <p role="status" className="text-sm text-emerald-800">
          Sent. The task went back to your assistant.
        </p>
      ) : null}
    </form>
  );
}

/** Shows the delivered work and lets the client approve it with a rating, or send it back with a note. */
export function ReviewPanel({ taskId, delivery, autoApproveText }: ReviewPanelProps) {
  return (
    <section aria-labelledby="review-heading" className="space-y-4 rounded-lg border border-violet-200 bg-violet-50 p-4">
      <div className="space-y-1">
        <h2 id="review-heading" className="text-lg font-semibold text-violet-950">
          Ready for your review
        </h2>
        <p className="text-sm text-violet-950">
          {delivery.assistantName} submitted the work on {delivery.sentAt}.
          {autoApproveText ? ` Unless you review it, it is approved automatically on ${autoApproveText}.` : ""}
        </p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
        <h3 className="font-semibold">Delivery note</h3>
        <p className="mt-1 whitespace-pre-wrap break-words">{delivery.note}</p>
        {delivery.links.length > 0 ? (
          <ul aria-label="Delivered links" className="mt-2 list-disc space-y-1 pl-5">
            {delivery.links.map((link) => (
              <li key={link}>
                <a href={link} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-indigo-700 underline">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="grid gap-4 md:grid-cols-2">
        <ApproveForm taskId={taskId} />
        <RequestChangesForm taskId={taskId} />
      </div>
    </section>
  );
}
