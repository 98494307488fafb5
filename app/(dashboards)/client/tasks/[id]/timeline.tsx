import type { TimelineEvent } from "~/server/api/routers/client";

import { formatInstant } from "../../../_components/format";

function assistants(count: number, more = false): string {
  const noun = count === 1 ? "assistant" : "assistants";

  return more ? `${count} more ${noun}` : `${count} ${noun}`;
}

/** Words one step of the task's history for the client. */
export function describeTimelineEvent(event: TimelineEvent): string {
  switch (event.kind) {
    case "brief_sent":
      return "Brief sent";
    case "offered":
      return event.wave === 1 ? `Offered to ${assistants(event.assistantCount)}` : `Offered to ${assistants(event.assistantCount, true)} (wave ${event.wave})`;
    case "accepted":
      return `Accepted by ${event.assistantName}`;
    case "started":
      return `${event.assistantName} started work`;
    case "reallocated":
      return event.reason === "lapsed"
        ? `${event.assistantName} did not start in time, so the task went back to finding an assistant`
        : `The task moved away from ${event.assistantName} to find another assistant`;
    case "still_looking":
      return "Still looking: no assistant available yet";
    case "out_of_time":
      return event.cause === "balance" ? "Out of time: your hours are used up" : "Out of time: the task reached its time limit";
    case "handoff":
      return `Handoff from ${event.assistantName}, asking for ${event.extraMinutesNeeded} more minutes`;
    case "time_added":
      return "Time added, so the assistant can continue";
    case "submitted":
      return `Submitted for review by ${event.assistantName}`;
    case "review":
      if (event.decision === "changes_requested") {
        return "You requested changes";
      }
      if (event.automatic) {
        return "Approved automatically at the end of the review period";
      }

      return event.rating === null ? "Approved" : `Approved, rated ${event.rating} out of 5`;
    case "cancelled":
      return "Cancelled";
  }
}

/** Renders the task's history, oldest first, with times in the client's time zone. */
export function Timeline({ events, timeZone }: { events: TimelineEvent[]; timeZone: string }) {
  return (
    <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm">
      {events.map((event, position) => (
        <li key={`${event.kind}-${event.at.toISOString()}-${position}`} className="relative">
          <span aria-hidden="true" className="absolute top-1.5 -left-[1.4rem] h-2.5 w-2.5 rounded-full bg-indigo-500" />
          <time dateTime={event.at.toISOString()} className="block text-slate-600">
            {event.kind === "still_looking" ? "Since " : ""}
            {formatInstant(event.at, timeZone)}
          </time>
          <span className="text-slate-900">{describeTimelineEvent(event)}</span>
        </li>
      ))}
    </ol>
  );
}
