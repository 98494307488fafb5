import { formatInstant } from "../../_components/format";
import { HandoffForm } from "./handoff-form";
import { SubmitForm } from "./submit-form";
import type { WorkTask } from "./types";

/** Statuses from which the assistant may submit the work. */
const SUBMITTABLE: ReadonlySet<WorkTask["status"]> = new Set(["assigned", "in_progress", "out_of_time"]);

interface SectionProps {
  task: WorkTask;
  timeZone: string;
  onChanged: () => Promise<void>;
}

/** Renders the handoff form while the task is out of time, and the handoffs sent so far. */
export function HandoffSection({ task, timeZone, onChanged }: SectionProps) {
  if (task.status !== "out_of_time" && task.handoffs.length === 0) {
    return null;
  }

  return (
    <section aria-labelledby="handoff-heading" className="space-y-3 rounded-lg border border-red-200 bg-white p-4 shadow-sm">
      <h2 id="handoff-heading" className="text-lg font-semibold">
        Handoff
      </h2>
      {task.status === "out_of_time" ? (
        <>
          <p className="text-sm text-slate-700">
            The client&apos;s hours or this task&apos;s time limit ran out, so stop work here. Tell the client what you achieved and how many more minutes the task needs.
            Once they add time, you continue the task.
          </p>
          <HandoffForm taskId={task.id} onSent={onChanged} />
        </>
      ) : null}
      {task.handoffs.length > 0 ? (
        <ul aria-label="Handoffs sent" className="space-y-2 text-sm">
          {task.handoffs.map((handoff) => (
            <li key={handoff.id} className="rounded-md bg-slate-50 p-3">
              <p className="text-slate-600">
                Sent {formatInstant(handoff.createdAt, timeZone)} · asked for {handoff.extraMinutesNeeded} more minutes ·{" "}
                {handoff.resolvedAt ? `time added ${formatInstant(handoff.resolvedAt, timeZone)}` : "waiting for the client"}
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words">{handoff.achieved}</p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

/** Renders the submit form, or "In review" once submitted, and every delivery with the client's review. */
export function DeliverySection({ task, timeZone, onChanged }: SectionProps) {
  return (
    <section aria-labelledby="submit-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      {task.status === "in_review" ? (
        <>
          <h2 id="submit-heading" className="text-lg font-semibold">
            In review
          </h2>
          <p role="status" className="text-sm text-slate-700">
            You submitted this task. The client approves it or requests changes, and if they do not respond in time it is approved automatically.
          </p>
        </>
      ) : SUBMITTABLE.has(task.status) ? (
        <>
          <h2 id="submit-heading" className="text-lg font-semibold">
            Submit for review
          </h2>
          <SubmitForm taskId={task.id} onSubmitted={onChanged} />
        </>
      ) : (
        <h2 id="submit-heading" className="text-lg font-semibold">
          Deliveries
        </h2>
      )}

      {task.deliveries.length > 0 ? (
        <ul aria-label="Your deliveries" className="space-y-2 text-sm">
          {task.deliveries.map((delivery) => (
            <li key={delivery.id} className="rounded-md bg-slate-50 p-3">
              <p className="text-slate-600">Submitted {formatInstant(delivery.createdAt, timeZone)}</p>
              <p className="mt-1 whitespace-pre-wrap break-words">{delivery.note}</p>
              {delivery.links.length > 0 ? (
                <ul className="mt-1 space-y-1">
                  {delivery.links.map((link) => (
                    <li key={link} className="break-all">
                      <a href={link} target="_blank" rel="noopener noreferrer nofollow" className="text-indigo-700 underline">
                        {link}
                      </a>
                    </li>
                  ))}
                </ul>
              ) : null}
              {delivery.review ? (
                <p className="mt-2 font-medium">
                  {delivery.review.decision === "approved"
                    ? `Approved${delivery.review.rating ? ` with ${delivery.review.rating} of 5 stars` : ""}`
                    : "The client requested changes"}
                  {delivery.review.comment ? <span className="font-normal">: {delivery.review.comment}</span> : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
