"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "~/app/_components/button";

import { formatInstant } from "../../_components/format";
import { FALL_THROUGH_LABELS } from "../_components/labels";
import type { UnroutedQueueData } from "../_components/router-outputs";
import { OfferForm } from "./offer-form";

type Task = UnroutedQueueData["tasks"][number];

/** Explains in one phrase why routing gave up on the task. */
function whyUnrouted(task: Task): string {
  const ranOut = task.wavesSent === 0 ? "No eligible assistant at all" : `No candidate left after ${task.wavesSent} ${task.wavesSent === 1 ? "wave" : "waves"}`;

  return task.fallThroughReason ? `${ranOut}; ${FALL_THROUGH_LABELS[task.fallThroughReason]}` : ranOut;
}

/** Lists the unrouted tasks, each with an "Offer to…" form. */
export function UnroutedQueue({ data, timeZone }: { data: UnroutedQueueData; timeZone: string }) {
  const router = useRouter();
  const [openTaskId, setOpenTaskId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  return (
    <div className="space-y-4">
      <p role="status" className={notice ? "rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" : "sr-only"}>
        {notice ?? ""}
      </p>
      {data.tasks.length === 0 ? (
        <p className="text-slate-700">No task is waiting: every task has an assistant or is being offered.</p>
      ) : (
        <ul className="space-y-4">
          {data.tasks.map((task) => (
            <li key={task.id} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
              <div className="space-y-1">
                <h2 className="font-semibold break-words">
                  <Link href={`/admin/tasks/${task.id}`} className="text-indigo-700 hover:underline">
                    {task.title}
                  </Link>
                </h2>
                <p className="text-sm text-slate-700">
                  {task.clientName} · needs {task.skills.map((skill) => skill.name).join(", ") || "no particular skill"}
                </p>
                <p className="text-sm text-slate-700">{whyUnrouted(task)}.</p>
                <p className="text-sm text-slate-600">
                  Waiting since {formatInstant(task.unroutedSince, timeZone)}; sent {formatInstant(task.submittedAt, timeZone)}.
                </p>
              </div>
              {openTaskId === task.id ? (
                <OfferForm
                  task={task}
                  assistants={data.assistants}
                  timeZone={timeZone}
                  onCancel={() => setOpenTaskId(null)}
                  onOffered={(name) => {
                    setNotice(`Offered “${task.title}” to ${name}. The task leaves this queue while the offer is open.`);
                    setOpenTaskId(null);
                    router.refresh();
                  }}
                />
              ) : (
                <Button
                  variant="secondary"
                  onClick={() => {
                    setNotice(null);
                    setOpenTaskId(task.id);
                  }}
                >
                  Offer to…<span className="sr-only"> for “{task.title}”</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {data.tasks.length === data.limit ? <p className="text-sm text-slate-600">Showing the {data.limit} tasks waiting longest.</p> : null}
    </div>
  );
}
