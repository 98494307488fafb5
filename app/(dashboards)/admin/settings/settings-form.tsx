"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { formatInstant, formatTime } from "../../_components/format";
import type { SettingsData } from "../_components/router-outputs";
import { fieldErrorsOf } from "../_components/trpc-errors";
import { draftFrom, parseDraft, type FieldDraft, type SettingsDraft, type SettingsValues } from "./draft";
import { durationText, readPath, SETTING_FIELDS, SETTING_GROUPS, type DurationUnit, type SettingField } from "./fields";

const UNITS: DurationUnit[] = ["minutes", "hours", "days"];

function inputId(path: string): string {
  return `setting-${path.replaceAll(".", "-")}`;
}

/** Formats the default of a setting in words, such as "15 minutes" or "80 %". */
function defaultText(field: SettingField, defaults: SettingsValues): string {
  const value = readPath(defaults, field.path);
  switch (field.kind) {
    case "duration":
      return durationText(Number(value));
    case "durationList":
      return Array.isArray(value) && value.length > 0 ? value.map((seconds) => durationText(Number(seconds))).join(", ") : "none";
    case "percent":
      return `${Math.round(Number(value) * 1000) / 10} %`;
    case "count":
      return `${String(value)} ${field.unit}`;
    case "weight":
      return String(value);
  }
}

interface FieldProps {
  field: SettingField;
  draft: FieldDraft;
  onChange: (draft: FieldDraft) => void;
  errors: Record<string, string>;
  note: string;
}

function UnitSelect({ id, label, unit, onChange }: { id: string; label: string; unit: DurationUnit; onChange: (unit: DurationUnit) => void }) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Unit of {label}
      </label>
      <select id={id} value={unit} onChange={(event) => onChange(event.target.value as DurationUnit)} className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm">
        {UNITS.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </>
  );
}

/** Returns the unit shown after a setting's input when it has no unit menu. */
function unitLabel(field: SettingField): string {
  if (field.kind === "count") {
    return field.unit;
  }
  if (field.kind === "percent") {
    return "%";
  }

  return "weight";
}

const INPUT_CLASS = "block w-28 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600";

function SettingInput({ field, draft, onChange, errors, note }: FieldProps) {
  const id = inputId(field.path);
  const error = errors[field.path];
  const describedBy = [`${id}-help`, error ? `${id}-error` : null].filter(Boolean).join(" ");

  return (
    <div className="space-y-1 py-3">
      <label htmlFor={draft.kind === "list" ? `${id}-0` : id} className="block text-sm font-medium text-slate-900">
        {field.label}
      </label>
      {draft.kind === "single" ? (
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={id}
            type="number"
            inputMode="decimal"
            step="any"
            value={draft.text}
            onChange={(event) => onChange({ ...draft, text: event.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy}
            className={INPUT_CLASS}
          />
          {field.kind === "duration" ? (
            <UnitSelect id={`${id}-unit`} label={field.label} unit={draft.unit} onChange={(unit) => onChange({ ...draft, unit })} />
          ) : (
            <span className="text-sm text-slate-700">{unitLabel(field)}</span>
          )}
        </div>
      ) : (
        <div className="space-y-2">
          {draft.items.map((text, index) => {
            const itemError = errors[`${field.path}.${index}`];

            return (
              <div key={index} className="flex flex-wrap items-center gap-2">
                <input
                  id={`${id}-${index}`}
                  type="number"
                  inputMode="decimal"
                  step="any"
                  value={text}
                  aria-label={index === 0 ? undefined : `${field.label}, entry ${index + 1}`}
                  onChange={(event) => onChange({ ...draft, items: draft.items.map((item, at) => (at === index ? event.target.value : item)) })}
                  aria-invalid={itemError ? true : undefined}
                  aria-describedby={[`${id}-help`, itemError ? `${id}-${index}-error` : null].filter(Boolean).join(" ")}
                  className={INPUT_CLASS}
                />
                <span className="text-sm text-slate-700">{draft.unit}</span>
                <Button variant="secondary" className="px-2 py-1" onClick={() => onChange({ ...draft, items: draft.items.filter((_, at) => at !== index) })}>
                  Remove<span className="sr-only"> entry {index + 1} of {field.label}</span>
                </Button>
                {itemError ? (
                  <p id={`${id}-${index}-error`} className="w-full text-sm text-red-700">
                    {itemError}
                  </p>
                ) : null}
              </div>
            );
          })}
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="secondary" className="px-2 py-1" onClick={() => onChange({ ...draft, items: [...draft.items, ""] })}>
              Add<span className="sr-only"> an entry to {field.label}</span>
            </Button>
            <UnitSelect id={`${id}-unit`} label={field.label} unit={draft.unit} onChange={(unit) => onChange({ ...draft, unit })} />
          </div>
        </div>
      )}
      <p id={`${id}-help`} className="text-xs text-slate-600">
        {field.help} {note}
      </p>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * Renders the form for every setting. Durations are typed in minutes, hours
 * or days and sent in seconds, and only the settings that changed are sent.
 * Messages from the form's own checks and from the server appear under
 * their setting.
 */
export function SettingsForm({ initial, timeZone }: { initial: SettingsData; timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [current, setCurrent] = useState<SettingsValues>(initial.settings);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(initial.settings));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<{ at: Date; labels: string[] } | null>(null);
  const save = useMutation(
    trpc.adminOps.updateSettings.mutationOptions({
      onSuccess: (settings, changes) => {
        setCurrent(settings);
        setDraft(draftFrom(settings));
        const keys = Object.keys(changes);
        setSaved({ at: new Date(), labels: SETTING_FIELDS.filter((field) => keys.includes(field.path.split(".")[0] ?? "")).map((field) => field.label) });
        // Reloads who changed each setting and when.
        router.refresh();
      },
    }),
  );
  const serverErrors = fieldErrorsOf(save.error);
  const errors = { ...serverErrors, ...localErrors };
  const knownPaths = new Set(SETTING_FIELDS.map((field) => field.path));
  const unplaced = Object.entries(serverErrors).filter(([path]) => !knownPaths.has(path) && !knownPaths.has(path.replace(/\.\d+$/, "")));
  const formError = save.error && Object.keys(serverErrors).length === 0 ? save.error.message : unplaced.map(([, message]) => message).join(" ") || null;
  const changedByKey = new Map(initial.changes.map((change) => [change.key, change]));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(null);
    save.reset();
    const parsed = parseDraft(draft, current);
    setLocalErrors(parsed.errors);
    if (Object.keys(parsed.errors).length > 0) {
      return;
    }
    if (Object.keys(parsed.changes).length === 0) {
      setSaved({ at: new Date(), labels: [] });

      return;
    }
    save.mutate(parsed.changes);
  };

  const errorCount = Object.keys(errors).length;
  const status = save.isPending
    ? "Saving…"
    : saved
      ? saved.labels.length === 0
        ? "Nothing changed."
        : `Saved at ${formatTime(saved.at, timeZone)}: ${saved.labels.join(", ")}.`
      : "";

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6">
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}
      {SETTING_GROUPS.map((group) => (
        <fieldset key={group.title} className="rounded-lg border border-slate-200 bg-white px-4 pt-2 pb-2 shadow-sm">
          <legend className="px-1 text-lg font-semibold">{group.title}</legend>
          <div className="grid gap-x-8 sm:grid-cols-2">
            {group.fields.map((field) => {
              const entry = draft[field.path];
              const stored = changedByKey.get(field.path.split(".")[0] ?? "");
              const note = `Default ${defaultText(field, initial.defaults)}.${stored ? ` Last changed${stored.updatedByName ? ` by ${stored.updatedByName}` : ""} on ${formatInstant(stored.updatedAt, timeZone)}.` : ""}`;

              return entry ? (
                <SettingInput key={field.path} field={field} draft={entry} errors={errors} note={note} onChange={(next) => setDraft({ ...draft, [field.path]: next })} />
              ) : null;
            })}
          </div>
        </fieldset>
      ))}
      <div className="sticky bottom-0 flex flex-wrap items-center gap-3 border-t border-slate-200 bg-slate-50/95 py-3">
        <Button type="submit" disabled={save.isPending}>
          Save settings
        </Button>
        <p role="status" className="text-sm text-emerald-800">
          {status}
        </p>
        {errorCount > 0 ? (
          <p role="alert" className="text-sm text-red-700">
            {errorCount === 1 ? "One setting needs attention." : `${errorCount} settings need attention.`}
          </p>
        ) : null}
      </div>
    </form>
  );
}
