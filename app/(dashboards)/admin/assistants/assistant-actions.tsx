"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { ReasonField } from "../_components/reason-field";
import type { AssistantsData } from "../_components/router-outputs";
import { fieldErrorsOf, formErrorOf } from "../_components/trpc-errors";

type Assistant = AssistantsData["assistants"][number];
type Skill = AssistantsData["skills"][number];

interface ActionProps {
  assistant: Assistant;
  onDone: (message: string) => void;
}

function FormError({ message }: { message: string | null }) {
  return message ? (
    <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
      {message}
    </p>
  ) : null;
}

function SkillsForm({ assistant, skills, onDone }: ActionProps & { skills: Skill[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>(assistant.skills.map((skill) => skill.slug));
  const save = useMutation(
    trpc.adminOps.setSkills.mutationOptions({
      onSuccess: () => {
        onDone(`Saved ${assistant.name}'s skills.`);
        router.refresh();
      },
    }),
  );
  const categories = [...new Set(skills.map((skill) => skill.category))];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ assistantId: assistant.id, skills: chosen });
  };

  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <FormError message={fieldErrorsOf(save.error).skills ?? formErrorOf(save.error, ["skills"])} />
      <fieldset className="space-y-3">
        <legend className="font-medium">Skills</legend>
        {categories.map((category) => (
          <fieldset key={category} className="space-y-1">
            <legend className="text-sm text-slate-600">{category}</legend>
            <div className="grid gap-1 sm:grid-cols-3">
              {skills
                .filter((skill) => skill.category === category)
                .map((skill) => (
                  <label key={skill.slug} className="flex items-center gap-2 text-sm">
                    <input
                      type="checkbox"
                      checked={chosen.includes(skill.slug)}
                      onChange={(event) => setChosen(event.target.checked ? [...chosen, skill.slug] : chosen.filter((slug) => slug !== skill.slug))}
                    />
                    {skill.name}
                  </label>
                ))}
            </div>
          </fieldset>
        ))}
      </fieldset>
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save skills"}
      </Button>
    </form>
  );
}

function ReasonAction({ assistant, onDone, kind }: ActionProps & { kind: "liftBlock" | "deactivate" }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [reason, setReason] = useState("");
  const finish = (message: string) => {
    onDone(message);
    router.refresh();
  };
  const lift = useMutation(trpc.adminOps.liftBlock.mutationOptions({ onSuccess: () => finish(`Lifted ${assistant.name}'s block; offers can reach them again.`) }));
  const deactivate = useMutation(
    trpc.adminOps.deactivateAssistant.mutationOptions({
      onSuccess: ({ tasksRerouted }) => finish(`Deactivated ${assistant.name}. ${tasksRerouted} open ${tasksRerouted === 1 ? "task went" : "tasks went"} back to routing.`),
    }),
  );
  const mutation = kind === "liftBlock" ? lift : deactivate;
  const id = `${kind}-reason-${assistant.id}`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (kind === "deactivate" && !window.confirm(`Deactivate ${assistant.name}? They cannot sign in, their timer stops and their open tasks go back to routing.`)) {
      return;
    }
    mutation.mutate({ assistantId: assistant.id, reason });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <h4 className="font-medium">{kind === "liftBlock" ? "Lift the block" : "Deactivate"}</h4>
      {kind === "deactivate" ? <p className="text-sm text-slate-700">They can no longer sign in; their running timer stops and their open tasks go back to routing.</p> : null}
      <FormError message={formErrorOf(mutation.error, ["reason"])} />
      <ReasonField id={id} value={reason} onChange={(event) => setReason(event.target.value)} error={fieldErrorsOf(mutation.error).reason} />
      <Button type="submit" variant={kind === "deactivate" ? "danger" : "primary"} disabled={mutation.isPending}>
        {kind === "liftBlock" ? "Lift the block" : "Deactivate"}
        <span className="sr-only"> {assistant.name}</span>
      </Button>
    </form>
  );
}

/** Renders the actions on one assistant: edit skills, lift an active block, deactivate. */
export function AssistantActions({ assistant, skills, onDone }: ActionProps & { skills: Skill[] }) {
  return (
    <div className="space-y-6 rounded-md border border-slate-200 bg-slate-50 p-3">
      <SkillsForm assistant={assistant} skills={skills} onDone={onDone} />
      {assistant.availability.kind === "blocked" ? <ReasonAction kind="liftBlock" assistant={assistant} onDone={onDone} /> : null}
      {assistant.active ? <ReasonAction kind="deactivate" assistant={assistant} onDone={onDone} /> : null}
    </div>
  );
}
