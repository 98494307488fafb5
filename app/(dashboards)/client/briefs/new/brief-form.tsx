"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { Field } from "~/app/_components/field";
import { useTRPC } from "~/app/_trpc/react";
import { parseLocalDateTime } from "~/server/time/zoned";

interface Skill {
  slug: string;
  name: string;
  category: string;
}

const PREFERENCES = [
  { value: "primary", label: "My primary assistant", help: "Your primary assistant gets it first." },
  { value: "team", label: "My team", help: "Anyone on your team." },
  { value: "new", label: "Someone new", help: "An assistant who has not worked for you yet." },
  { value: "anyone", label: "Anyone available", help: "The best-ranked available assistants." },
] as const;

type Preference = (typeof PREFERENCES)[number]["value"];

function fieldErrorsOf(error: unknown): Record<string, string> {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string> | null } | undefined;

    return data?.fieldErrors ?? {};
  }

  return {};
}

/** Returns why a preference cannot be chosen now, or null when it can. */
function unavailableReason(value: Preference, hasPrimary: boolean, teamSize: number): string | null {
  if (value === "primary" && !hasPrimary) {
    return "You have no primary assistant.";
  }
  if (value === "team" && teamSize === 0) {
    return "Your team is empty.";
  }

  return null;
}

interface BriefFormProps {
  skills: Skill[];
  onTrial: boolean;
  hasPrimary: boolean;
  teamSize: number;
  timeZone: string;
}

export function BriefForm({ skills, onTrial, hasPrimary, teamSize, timeZone }: BriefFormProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [chosen, setChosen] = useState<string[]>([]);
  const [skillFilter, setSkillFilter] = useState("");
  const [due, setDue] = useState("");
  const [timeLimit, setTimeLimit] = useState("");
  const [links, setLinks] = useState("");
  const [preference, setPreference] = useState<Preference>(onTrial ? "anyone" : hasPrimary ? "primary" : "anyone");
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});

  const submit = useMutation(
    trpc.brief.submit.mutationOptions({
      onSuccess: (result) => router.push(`/client/tasks/${result.taskId}`),
    }),
  );
  const errors = { ...fieldErrorsOf(submit.error), ...localErrors };
  const generalError = submit.error && Object.keys(fieldErrorsOf(submit.error)).length === 0 ? submit.error.message : null;

  const visibleSkills = useMemo(() => {
    const needle = skillFilter.trim().toLowerCase();

    return skills.filter((skill) => !needle || skill.name.toLowerCase().includes(needle) || skill.category.toLowerCase().includes(needle));
  }, [skills, skillFilter]);

  const toggleSkill = (slug: string) => {
    setChosen((current) => (current.includes(slug) ? current.filter((value) => value !== slug) : [...current, slug]));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    let dueAt: string | null = null;
    if (due) {
      const instant = parseLocalDateTime(due, timeZone);
      if (instant) {
        dueAt = instant.toISOString();
      } else {
        problems.dueAt = "Due date must be a date and a time.";
      }
    }
    const minutes = timeLimit.trim() === "" ? null : Number(timeLimit);
    if (minutes !== null && !Number.isInteger(minutes)) {
      problems.timeLimitMinutes = "Time limit must be a whole number of minutes.";
    }
    setLocalErrors(problems);
    if (Object.keys(problems).length > 0) {
      return;
    }
    submit.mutate({
      title,
      description,
      skills: chosen,
      dueAt,
      timeLimitMinutes: minutes,
      referenceLinks: links
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean),
      preference,
    });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      {generalError ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {generalError}
        </p>
      ) : null}
      <Field label="Title" name="title" value={title} onChange={(event) => setTitle(event.target.value)} hint="3 to 120 characters." error={errors.title} />

      <div className="space-y-1">
        <label htmlFor="field-description" className="block text-sm font-medium text-slate-800">
          Description
        </label>
        <textarea
          id="field-description"
          name="description"
          rows={6}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          aria-invalid={errors.description ? true : undefined}
          aria-describedby={errors.description ? "field-description-error" : "field-description-hint"}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-invalid:border-red-600"
        />
        <p id="field-description-hint" className="text-xs text-slate-600">
          What needs doing, what good looks like, anything to avoid. 10 to 10,000 characters.
        </p>
        {errors.description ? (
          <p id="field-description-error" className="text-sm text-red-700">
            {errors.description}
          </p>
        ) : null}
      </div>

      <fieldset className="space-y-2" aria-describedby={errors.skills ? "skills-error" : "skills-hint"}>
        <legend className="text-sm font-medium text-slate-800">Skills</legend>
        <p id="skills-hint" className="text-xs text-slate-600">
          Pick 1 to 5. Chosen: {chosen.length === 0 ? "none" : chosen.map((slug) => skills.find((skill) => skill.slug === slug)?.name ?? slug).join(", ")}
        </p>
        <Field label="Search skills" name="skillFilter" value={skillFilter} onChange={(event) => setSkillFilter(event.target.value)} />
        <div className="grid max-h-56 grid-cols-1 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2">
          {visibleSkills.map((skill) => (
            <label key={skill.slug} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
              <input type="checkbox" checked={chosen.includes(skill.slug)} onChange={() => toggleSkill(skill.slug)} />
              <span>{skill.name}</span>
              <span className="text-xs text-slate-500">{skill.category}</span>
            </label>
          ))}
        </div>
        {errors.skills ? (
          <p id="skills-error" className="text-sm text-red-700">
            {errors.skills}
          </p>
        ) : null}
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Due (optional)" name="dueAt" type="datetime-local" value={due} onChange={(event) => setDue(event.target.value)} hint={`In your time zone, ${timeZone}.`} error={errors.dueAt} />
        <Field
          label="Time limit in minutes (optional)"
          name="timeLimitMinutes"
          type="number"
          min={1}
          inputMode="numeric"
          value={timeLimit}
          onChange={(event) => setTimeLimit(event.target.value)}
          hint="The most this task may cost."
          error={errors.timeLimitMinutes}
        />
      </div>

      <div className="space-y-1">
        <label htmlFor="field-links" className="block text-sm font-medium text-slate-800">
          Reference links (optional)
        </label>
        <textarea
          id="field-links"
          rows={3}
          value={links}
          onChange={(event) => setLinks(event.target.value)}
          aria-describedby="field-links-hint"
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
        <p id="field-links-hint" className="text-xs text-slate-600">
          One per line, starting with http:// or https://.
        </p>
        {Object.entries(errors)
          .filter(([key]) => key.startsWith("referenceLinks"))
          .map(([key, message]) => (
            <p key={key} className="text-sm text-red-700">
              {key === "referenceLinks" ? message : `Link ${Number(key.split(".")[1]) + 1}: ${message}`}
            </p>
          ))}
      </div>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Who should do it</legend>
        {onTrial ? (
          <p className="text-sm text-slate-700">On a free trial, the best available assistant takes your task. Choosing your own assistant or team comes with a paid plan.</p>
        ) : (
          <>
            {PREFERENCES.map((option) => {
              const unavailable = unavailableReason(option.value, hasPrimary, teamSize);

              return (
                <label key={option.value} className="flex items-start gap-2 text-sm">
                  <input
                    type="radio"
                    name="preference"
                    value={option.value}
                    checked={preference === option.value}
                    disabled={unavailable !== null}
                    onChange={() => setPreference(option.value)}
                  />
                  <span>
                    <span className="font-medium">{option.label}</span> <span className="text-slate-600">{unavailable ?? option.help}</span>
                  </span>
                </label>
              );
            })}
            <p className="text-xs text-slate-600">
              Choose your primary assistant and team on the{" "}
              <Link href="/client/assistants" className="text-indigo-700 underline">
                My assistants
              </Link>{" "}
              page.
            </p>
          </>
        )}
        {errors.preference ? <p className="text-sm text-red-700">{errors.preference}</p> : null}
      </fieldset>

      <Button type="submit" disabled={submit.isPending}>
        {submit.isPending ? "Sending…" : "Send brief"}
      </Button>
    </form>
  );
}
