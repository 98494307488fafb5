"use client";

import { useId, useState } from "react";

import { availabilityText, AVAILABILITY_STYLES, type Availability } from "./availability";

export interface AssistantChoice {
  id: string;
  name: string;
  skills: Array<{ slug: string; name: string }>;
  availability: Availability;
  openTasks: number;
  capacity: number;
}

interface AssistantPickerProps {
  legend: string;
  assistants: AssistantChoice[];
  /** Slugs of the skills the task needs. Assistants who have all of them are listed first. */
  requiredSkills: string[];
  /** Assistants who cannot be chosen, with the reason shown beside them. */
  unavailable: Map<string, string>;
  value: string;
  onChange: (assistantId: string) => void;
  error?: string | undefined;
  timeZone: string;
}

function missingSkills(assistant: AssistantChoice, required: string[]): number {
  return required.filter((slug) => !assistant.skills.some((skill) => skill.slug === slug)).length;
}

/**
 * Renders a radio list of assistants with their skills and availability.
 * By default it lists only those who have every required skill, and a
 * checkbox shows everyone because an admin may know better than the list.
 */
export function AssistantPicker({ legend, assistants, requiredSkills, unavailable, value, onChange, error, timeZone }: AssistantPickerProps) {
  const id = useId();
  const [everyone, setEveryone] = useState(false);
  const ranked = [...assistants]
    .map((assistant) => ({ assistant, missing: missingSkills(assistant, requiredSkills) }))
    .filter((entry) => everyone || entry.missing === 0 || entry.assistant.id === value)
    .sort((a, b) => a.missing - b.missing || Number(b.assistant.availability.kind === "available") - Number(a.assistant.availability.kind === "available") || a.assistant.name.localeCompare(b.assistant.name));

  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={everyone} onChange={(event) => setEveryone(event.target.checked)} />
        Also show assistants without every skill the task needs
      </label>
      {ranked.length === 0 ? (
        <p className="text-sm text-slate-700">No active assistant holds every skill. Show everyone to choose another.</p>
      ) : (
        <ul className="max-h-72 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
          {ranked.map(({ assistant, missing }) => {
            const blockedReason = unavailable.get(assistant.id);
            const inputId = `${id}-${assistant.id}`;

            return (
              <li key={assistant.id} className={`flex gap-3 p-2 ${blockedReason ? "opacity-60" : ""}`}>
                <input
                  type="radio"
                  id={inputId}
                  name={`${id}-assistant`}
                  value={assistant.id}
                  checked={value === assistant.id}
                  disabled={Boolean(blockedReason)}
                  onChange={() => onChange(assistant.id)}
                  aria-describedby={`${inputId}-details`}
                  className="mt-1.5 self-start"
                />
                <div className="min-w-0 flex-1 space-y-1">
                  <label htmlFor={inputId} className="block font-medium break-words">
                    {assistant.name}
                  </label>
                  <div id={`${inputId}-details`} className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-700">
                    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${AVAILABILITY_STYLES[assistant.availability.kind]}`}>
                      {availabilityText(assistant.availability, timeZone)}
                    </span>
                    <span>
                      {assistant.openTasks} of {assistant.capacity} active tasks
                    </span>
                    {missing > 0 ? <span className="text-amber-900">lacks {missing === 1 ? "a required skill" : `${missing} required skills`}</span> : null}
                    {blockedReason ? <span>{blockedReason}</span> : null}
                    <span className="w-full text-slate-600">{assistant.skills.map((skill) => skill.name).join(", ") || "No skills"}</span>
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
