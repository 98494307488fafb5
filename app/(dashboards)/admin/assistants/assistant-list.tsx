"use client";

import { useState } from "react";

import { Button } from "~/app/_components/button";

import { availabilityText, AVAILABILITY_STYLES } from "../_components/availability";
import { formatPercent, humaniseDuration, NO_VALUE } from "../_components/format";
import type { AssistantsData } from "../_components/router-outputs";
import { AssistantActions } from "./assistant-actions";

/** Lists every assistant with their status, skills and recent reliability, and a "Manage" panel each. */
export function AssistantList({ data, timeZone }: { data: AssistantsData; timeZone: string }) {
  const [openId, setOpenId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const windowText = humaniseDuration(data.windowSeconds);

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700">
        Lapses and acceptance cover the last {windowText} (the lapse window). {data.lapsesToBlock} lapses in that window block an assistant. Acceptance counts the
        offers they accepted, declined or let expire.
      </p>
      <p role="status" className={notice ? "rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" : "sr-only"}>
        {notice ?? ""}
      </p>
      <ul className="grid gap-3 lg:grid-cols-2">
        {data.assistants.map((assistant) => {
          const open = openId === assistant.id;
          const panelId = `manage-${assistant.id}`;

          return (
            <li key={assistant.id} id={`assistant-${assistant.id}`} className={`space-y-2 rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${open ? "lg:col-span-2" : ""}`}>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <h2 className="font-semibold break-words">{assistant.name}</h2>
                  <p className="text-sm break-all text-slate-600">{assistant.email}</p>
                </div>
                <span className={`rounded-full px-2.5 py-0.5 text-xs font-medium ${AVAILABILITY_STYLES[assistant.availability.kind]}`}>
                  {availabilityText(assistant.availability, timeZone)}
                </span>
              </div>
              <dl className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
                <div className="flex gap-1">
                  <dt className="text-slate-600">Active tasks</dt>
                  <dd className="font-medium">
                    {assistant.openTasks} of {assistant.capacity}
                  </dd>
                </div>
                <div className="flex gap-1">
                  <dt className="text-slate-600">Lapses</dt>
                  <dd className={`font-medium ${assistant.lapses >= data.lapsesToBlock ? "text-red-700" : ""}`}>{assistant.lapses}</dd>
                </div>
                <div className="flex gap-1">
                  <dt className="text-slate-600">Acceptance</dt>
                  <dd className="font-medium">
                    {assistant.acceptanceRate === null ? NO_VALUE : formatPercent(assistant.acceptanceRate)}
                    <span className="font-normal text-slate-600"> of {assistant.offersAnswered} offers</span>
                  </dd>
                </div>
              </dl>
              <div className="flex items-end justify-between gap-3">
                <p className="text-sm text-slate-700">
                  <span className="text-slate-600">Skills: </span>
                  {assistant.skills.map((skill) => skill.name).join(", ") || "none"}
                </p>
                <Button
                  variant="secondary"
                  className="shrink-0 px-3 py-1.5"
                  aria-expanded={open}
                  aria-controls={panelId}
                  onClick={() => {
                    setNotice(null);
                    setOpenId(open ? null : assistant.id);
                  }}
                >
                  {open ? "Close" : "Manage"}
                  <span className="sr-only"> {assistant.name}</span>
                </Button>
              </div>
              {open ? (
                <div id={panelId}>
                  <AssistantActions
                    assistant={assistant}
                    skills={data.skills}
                    onDone={(message) => {
                      setNotice(message);
                      setOpenId(null);
                    }}
                  />
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
