"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { Field } from "~/app/_components/field";
import { useTRPC } from "~/app/_trpc/react";

import { NoticeBanner } from "./notice-banner";
import { fieldErrorsOf, formErrorOf } from "./trpc-errors";
import type { Notice } from "./types";

interface Skill {
  slug: string;
  name: string;
  category: string;
}

export interface ProfileValues {
  skills: string[];
  timeZone: string;
  capacity: number;
  available: boolean;
  /** A calendar date such as "2027-03-01", or null. */
  awayUntil: string | null;
}

interface ProfileFormProps {
  initial: ProfileValues;
  skillOptions: Skill[];
  capacityRange: { min: number; max: number };
  /** IANA zones to suggest. They come from the server, so the server's and the browser's render match. */
  timeZoneOptions: string[];
}

/** Edits the assistant's skills, time zone, capacity and availability. */
export function ProfileForm({ initial, skillOptions, capacityRange, timeZoneOptions }: ProfileFormProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const [skills, setSkills] = useState<string[]>(initial.skills);
  const [timeZone, setTimeZone] = useState(initial.timeZone);
  const [capacity, setCapacity] = useState(String(initial.capacity));
  const [available, setAvailable] = useState(initial.available);
  const [awayUntil, setAwayUntil] = useState(initial.awayUntil ?? "");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<Notice | null>(null);

  const update = useMutation(
    trpc.profile.update.mutationOptions({
      onSuccess: () => {
        setNotice({ tone: "status", text: "Your profile was saved." });
        // Other pages show times in the saved zone, which the server reads per request.
        router.refresh();
      },
      onError: () => setNotice(null),
    }),
  );
  const errors = { ...fieldErrorsOf(update.error), ...localErrors };
  const formError = formErrorOf(update.error);

  const byCategory = useMemo(() => {
    const groups = new Map<string, Skill[]>();
    for (const skill of skillOptions) {
      groups.set(skill.category, [...(groups.get(skill.category) ?? []), skill]);
    }

    return [...groups.entries()];
  }, [skillOptions]);

  const toggleSkill = (slug: string) => {
    setSkills((current) => (current.includes(slug) ? current.filter((value) => value !== slug) : [...current, slug]));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    const capacityNumber = Number(capacity);
    if (capacity.trim() === "" || !Number.isInteger(capacityNumber)) {
      setLocalErrors({ capacity: `Capacity must be a whole number of tasks from ${capacityRange.min} to ${capacityRange.max}.` });
      update.reset();

      return;
    }
    setLocalErrors({});
    update.mutate({ skills, timeZone: timeZone.trim(), capacity: capacityNumber, available, awayUntil: awayUntil === "" ? null : awayUntil });
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Your profile" className="space-y-6 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      {formError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {formError}
        </p>
      ) : null}

      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Availability</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" checked={available} onChange={(event) => setAvailable(event.target.checked)} className="mt-0.5" />
          <span>
            <span className="font-medium">Available for new offers</span>
            <span className="block text-slate-600">Turn this off to stop receiving offers. Your active tasks stay yours.</span>
          </span>
        </label>
        <Field
          label="Away until (optional)"
          name="awayUntil"
          type="date"
          value={awayUntil}
          onChange={(event) => setAwayUntil(event.target.value)}
          hint="No offers reach you before this day starts in your time zone. Leave it empty when you are not away."
          error={errors.awayUntil}
        />
        <Field
          label="Capacity"
          name="capacity"
          type="number"
          inputMode="numeric"
          min={capacityRange.min}
          max={capacityRange.max}
          value={capacity}
          onChange={(event) => setCapacity(event.target.value)}
          hint={`How many active tasks you take at once, from ${capacityRange.min} to ${capacityRange.max}. Offers stop while you are at capacity.`}
          error={errors.capacity}
        />
        <Field
          label="Time zone"
          name="timeZone"
          list="time-zone-options"
          autoComplete="off"
          value={timeZone}
          onChange={(event) => setTimeZone(event.target.value)}
          hint="An IANA time zone, such as Europe/London. Every time on your pages is shown in it."
          error={errors.timeZone}
        />
        <datalist id="time-zone-options">
          {timeZoneOptions.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </fieldset>

      <fieldset className="space-y-3" aria-describedby={errors.skills ? "skills-error" : "skills-hint"}>
        <legend className="text-base font-semibold">Skills</legend>
        <p id="skills-hint" className="text-sm text-slate-600">
          Offers come only for briefs whose required skills are all on your list. Chosen: {skills.length}.
        </p>
        {errors.skills ? (
          <p id="skills-error" className="text-sm text-red-700">
            {errors.skills}
          </p>
        ) : null}
        {byCategory.map(([category, options]) => (
          <div key={category} className="space-y-1">
            <h2 className="text-sm font-medium text-slate-800">{category}</h2>
            <div className="grid grid-cols-1 gap-1 sm:grid-cols-2">
              {options.map((skill) => (
                <label key={skill.slug} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
                  <input type="checkbox" checked={skills.includes(skill.slug)} onChange={() => toggleSkill(skill.slug)} />
                  {skill.name}
                </label>
              ))}
            </div>
          </div>
        ))}
      </fieldset>

      <NoticeBanner notice={notice} />
      {Object.keys(errors).length > 0 ? (
        <p role="alert" className="text-sm text-red-800">
          {Object.keys(errors).length === 1 ? "Change the field marked above, then save again." : `Change the ${Object.keys(errors).length} fields marked above, then save again.`}
        </p>
      ) : null}
      <Button type="submit" disabled={update.isPending}>
        {update.isPending ? "Saving…" : "Save profile"}
      </Button>
    </form>
  );
}
