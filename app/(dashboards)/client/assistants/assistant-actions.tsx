"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";

import { readMutationError } from "../_components/mutation-error";
import type { ClientAssistants } from "../_components/router-outputs";

type Assistant = ClientAssistants["assistants"][number];

/**
 * Renders the buttons that change one assistant's place as primary or on
 * the team. The server checks every rule again, and the buttons only hide
 * changes it would reject. After a change the page reloads its data.
 */
export function AssistantActions({ assistant }: { assistant: Assistant }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [done, setDone] = useState<string | null>(null);
  const name = assistant.name;

  const onSuccess = (message: string) => (result: { changed: boolean }) => {
    setDone(result.changed ? message : "Nothing changed: the page was out of date and now shows the current choice.");
    router.refresh();
  };
  const makePrimary = useMutation(trpc.clientTeam.makePrimary.mutationOptions({ onSuccess: onSuccess(`${name} is now your primary assistant.`) }));
  const removePrimary = useMutation(trpc.clientTeam.removePrimary.mutationOptions({ onSuccess: onSuccess(`${name} is no longer your primary assistant.`) }));
  const addMember = useMutation(trpc.clientTeam.addMember.mutationOptions({ onSuccess: onSuccess(`${name} joined your team.`) }));
  const removeMember = useMutation(trpc.clientTeam.removeMember.mutationOptions({ onSuccess: onSuccess(`${name} left your team.`) }));

  const mutations = [makePrimary, removePrimary, addMember, removeMember];
  const pending = mutations.some((mutation) => mutation.isPending);
  const failed = mutations.find((mutation) => mutation.isError);
  const { formError } = readMutationError(failed?.error, []);
  const choosable = assistant.workedForClient && assistant.active;
  const input = { assistantId: assistant.assistantId };

  const run = (mutation: (typeof mutations)[number]) => {
    setDone(null);
    for (const other of mutations) {
      other.reset();
    }
    mutation.mutate(input);
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {assistant.isPrimary ? (
          <Button variant="secondary" disabled={pending} onClick={() => run(removePrimary)}>
            Remove as primary
          </Button>
        ) : null}
        {!assistant.isPrimary && choosable ? (
          <Button disabled={pending} onClick={() => run(makePrimary)}>
            Make primary
          </Button>
        ) : null}
        {assistant.onTeam ? (
          <Button variant="secondary" disabled={pending} onClick={() => run(removeMember)}>
            Remove from team
          </Button>
        ) : null}
        {!assistant.onTeam && !assistant.isPrimary && choosable ? (
          <Button variant="secondary" disabled={pending} onClick={() => run(addMember)}>
            Add to team
          </Button>
        ) : null}
      </div>
      {formError ? (
        <p role="alert" className="text-sm text-red-700">
          {formError}
        </p>
      ) : null}
      <p role="status" className="text-sm text-emerald-800">
        {done ?? ""}
      </p>
    </div>
  );
}
