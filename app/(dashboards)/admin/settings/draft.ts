import { durationText, readPath, SETTING_FIELDS, UNIT_SECONDS, unitFor, type DurationUnit, type SettingField } from "./fields";

/** The text the admin typed for one setting. */
export type FieldDraft = { kind: "single"; text: string; unit: DurationUnit } | { kind: "list"; items: string[]; unit: DurationUnit };

/** The whole form's text, keyed by setting path. */
export type SettingsDraft = Record<string, FieldDraft>;

/** A settings object as the API returns it. Only its shape matters here. */
export type SettingsValues = Record<string, unknown>;

function numberText(value: number): string {
  return String(Math.round(value * 10_000) / 10_000);
}

/** Fills the form from the settings in force, showing each duration in the unit that fits it. */
export function draftFrom(settings: SettingsValues): SettingsDraft {
  const draft: SettingsDraft = {};
  for (const field of SETTING_FIELDS) {
    const value = readPath(settings, field.path);
    if (field.kind === "durationList") {
      const items = Array.isArray(value) ? value.map(Number) : [];
      // One unit for the whole list: the one that fits every item.
      const unit = items.every((seconds) => unitFor(seconds) === "days") ? "days" : items.every((seconds) => unitFor(seconds) !== "minutes") ? "hours" : "minutes";
      draft[field.path] = { kind: "list", items: items.map((seconds) => numberText(seconds / UNIT_SECONDS[unit])), unit };
      continue;
    }
    const number = Number(value);
    if (field.kind === "duration") {
      const unit = unitFor(number);
      draft[field.path] = { kind: "single", text: numberText(number / UNIT_SECONDS[unit]), unit };
    } else {
      draft[field.path] = { kind: "single", text: numberText(field.kind === "percent" ? number * 100 : number), unit: "minutes" };
    }
  }

  return draft;
}

type Parsed = { ok: true; value: number } | { ok: false; message: string };

function parseNumber(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") {
    return null;
  }
  const number = Number(trimmed);

  return Number.isFinite(number) ? number : null;
}

function parseDuration(text: string, unit: DurationUnit, bounds: { min: number; max?: number; minExclusive?: boolean }): Parsed {
  const amount = parseNumber(text);
  if (amount === null) {
    return { ok: false, message: `Enter a number of ${unit}.` };
  }
  const seconds = Math.round(amount * UNIT_SECONDS[unit]);
  if (bounds.minExclusive ? seconds <= bounds.min : seconds < bounds.min) {
    return { ok: false, message: bounds.minExclusive ? `Must be more than ${durationText(bounds.min, unit)}.` : `Must be at least ${durationText(bounds.min, unit)}.` };
  }
  if (bounds.max !== undefined && seconds > bounds.max) {
    return { ok: false, message: `Must be at most ${durationText(bounds.max, unit)}.` };
  }

  return { ok: true, value: seconds };
}

function parseSingle(field: Exclude<SettingField, { kind: "durationList" }>, draft: Extract<FieldDraft, { kind: "single" }>): Parsed {
  if (field.kind === "duration") {
    return parseDuration(draft.text, draft.unit, field);
  }
  const number = parseNumber(draft.text);
  if (number === null) {
    return { ok: false, message: "Enter a number." };
  }
  switch (field.kind) {
    case "count":
      if (!Number.isInteger(number)) {
        return { ok: false, message: "Enter a whole number." };
      }
      if (number < field.min || (field.max !== undefined && number > field.max)) {
        return { ok: false, message: field.max === undefined ? `Must be at least ${field.min}.` : `Must be from ${field.min} to ${field.max}.` };
      }

      return { ok: true, value: number };
    case "percent":
      if (number <= 0 || number >= 100) {
        return { ok: false, message: "Must be above 0 % and below 100 %." };
      }

      return { ok: true, value: Math.round(number * 100) / 10_000 };
    case "weight":
      return number < 0 ? { ok: false, message: "Must be 0 or more (0 turns the factor off)." } : { ok: true, value: number };
  }
}

export interface ParsedDraft {
  /** Messages keyed by setting path, or by "path.index" for one item of a list. */
  errors: Record<string, string>;
  /** The changed settings keyed by top-level setting name, as `adminOps.updateSettings` takes them. */
  changes: Record<string, unknown>;
}

/**
 * Checks the form and works out what changed against `current`. An object
 * setting (plan hours, routing weights) is sent whole when any part of it
 * changed, because the API replaces each setting as a unit.
 */
export function parseDraft(draft: SettingsDraft, current: SettingsValues): ParsedDraft {
  const errors: Record<string, string> = {};
  const next: Record<string, unknown> = structuredClone(current);

  for (const field of SETTING_FIELDS) {
    const entry = draft[field.path];
    if (!entry) {
      continue;
    }
    let value: unknown;
    if (field.kind === "durationList" && entry.kind === "list") {
      if (entry.items.length < field.minItems) {
        errors[field.path] = `Add at least ${field.minItems}.`;
      } else if (field.maxItems !== undefined && entry.items.length > field.maxItems) {
        errors[field.path] = `Keep at most ${field.maxItems}.`;
      }
      const items = entry.items.map((text, index) => {
        const parsed = parseDuration(text, entry.unit, { min: 0, minExclusive: true });
        if (!parsed.ok) {
          errors[`${field.path}.${index}`] = parsed.message;
        }

        return parsed.ok ? parsed.value : null;
      });
      value = items;
    } else if (field.kind !== "durationList" && entry.kind === "single") {
      const parsed = parseSingle(field, entry);
      if (!parsed.ok) {
        errors[field.path] = parsed.message;
        continue;
      }
      value = parsed.value;
    }
    writePath(next, field.path, value);
  }

  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next)) {
    if (JSON.stringify(next[key]) !== JSON.stringify(current[key])) {
      changes[key] = next[key];
    }
  }

  return { errors, changes };
}

function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  const last = keys.pop();
  let node: Record<string, unknown> = target;
  for (const key of keys) {
    node = node[key] as Record<string, unknown>;
  }
  if (last) {
    node[last] = value;
  }
}
