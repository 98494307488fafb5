import type { TaskStatus } from "~/server/db/generated/client";

/** Task statuses in the words a client or assistant reads. */
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = {
  routing: "Finding an assistant",
  unrouted: "Still looking",
  assigned: "Assigned",
  in_progress: "In progress",
  out_of_time: "Out of time",
  in_review: "Ready for review",
  completed: "Completed",
  cancelled: "Cancelled",
};

const STATUS_STYLES: Record<TaskStatus, string> = {
  routing: "bg-indigo-100 text-indigo-800",
  unrouted: "bg-amber-100 text-amber-900",
  assigned: "bg-sky-100 text-sky-900",
  in_progress: "bg-blue-100 text-blue-900",
  out_of_time: "bg-red-100 text-red-800",
  in_review: "bg-violet-100 text-violet-800",
  completed: "bg-emerald-100 text-emerald-800",
  cancelled: "bg-slate-200 text-slate-700",
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <span className={`inline-flex shrink-0 items-center self-start rounded-full sm:self-center px-2.5 py-0.5 text-xs font-medium ${STATUS_STYLES[status]}`}>
      <span className="sr-only">Status: </span>
      {TASK_STATUS_LABELS[status]}
    </span>
  );
}
