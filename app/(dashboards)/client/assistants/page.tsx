import type { Metadata } from "next";
import Link from "next/link";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { formatDuration, formatInstant } from "../../_components/format";
import type { ClientAssistants } from "../_components/router-outputs";
import { AssistantActions } from "./assistant-actions";

export const metadata: Metadata = { title: "My assistants" };

type Assistant = ClientAssistants["assistants"][number];

function ratingText(assistant: Assistant): string {
  if (assistant.averageRating === null) {
    return "Not rated";
  }
  const ratings = assistant.ratingCount === 1 ? "1 rating" : `${assistant.ratingCount} ratings`;

  return `${assistant.averageRating.toFixed(1)} of 5 (${ratings})`;
}

/** Shows the current primary assistant and the team members by name. */
function CurrentChoice({ assistants }: { assistants: Assistant[] }) {
  const primary = assistants.find((assistant) => assistant.isPrimary);
  const team = assistants.filter((assistant) => assistant.onTeam);

  return (
    <dl aria-label="Current choice" className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm sm:grid-cols-2">
      <div>
        <dt className="text-slate-600">Primary assistant</dt>
        <dd className="font-medium">{primary ? primary.name : "None"}</dd>
      </div>
      <div>
        <dt className="text-slate-600">Team</dt>
        <dd className="font-medium">{team.length > 0 ? team.map((assistant) => assistant.name).join(", ") : "Empty"}</dd>
      </div>
    </dl>
  );
}

function Roles({ assistant }: { assistant: Assistant }) {
  const notes = [
    assistant.isPrimary ? "Primary" : null,
    assistant.onTeam ? "Team" : null,
    assistant.active ? null : "No longer on Baton",
    assistant.workedForClient ? null : "Has not worked for you yet",
  ].filter((note) => note !== null);

  return notes.length > 0 ? (
    <ul aria-label={`${assistant.name}'s place`} className="mt-1 flex flex-wrap gap-1">
      {notes.map((note) => (
        <li key={note} className="rounded-full bg-slate-200 px-2 py-0.5 text-xs font-medium text-slate-800">
          {note}
        </li>
      ))}
    </ul>
  ) : null;
}

function AssistantTable({ assistants, onTrial, timeZone }: { assistants: Assistant[]; onTrial: boolean; timeZone: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Assistants who have worked for you</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">
              Assistant
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Time logged for you
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Tasks
            </th>
            <th scope="col" className="px-4 py-2 font-medium">
              Your average rating
            </th>
            {onTrial ? null : (
              <th scope="col" className="px-4 py-2 font-medium">
                Actions
              </th>
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200">
          {assistants.map((assistant) => (
            <tr key={assistant.assistantId} className="align-top">
              <th scope="row" className="px-4 py-3 font-medium">
                {assistant.name}
                <Roles assistant={assistant} />
              </th>
              <td className="px-4 py-3">
                {formatDuration(assistant.loggedSeconds)}
                {assistant.lastWorkedAt ? <span className="block text-xs text-slate-600">last on {formatInstant(assistant.lastWorkedAt, timeZone)}</span> : null}
              </td>
              <td className="px-4 py-3">{assistant.taskCount}</td>
              <td className="px-4 py-3">{ratingText(assistant)}</td>
              {onTrial ? null : (
                <td className="px-4 py-3">
                  <AssistantActions assistant={assistant} />
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default async function ClientAssistantsPage() {
  const user = await requireRole("client");
  const caller = await api();
  const { onTrial, assistants } = await caller.clientTeam.overview();

  return (
    <section className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">My assistants</h1>
        <p className="text-slate-700">
          A brief you send to your primary assistant is offered to them alone first. A brief you send to your team is offered to your team first. When they
          are away, busy or decline, the brief goes to other assistants with the right skills.
        </p>
        <p className="text-slate-700">Only assistants who have worked for you, by logging time on one of your tasks, can be your primary or join your team.</p>
      </div>

      {onTrial ? (
        <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-4 text-sm text-amber-900">
          <p className="font-medium">Choosing a primary assistant and a team is available on a paid plan.</p>
          <p className="mt-1">
            On a free trial the best available assistant takes each brief. When you choose a plan, the assistant who logged the most of your trial time
            becomes your primary assistant, unless you pick another.
          </p>
          <p className="mt-3">
            <Link href="/client/plans" className="font-medium text-indigo-700 underline">
              Choose a plan
            </Link>
          </p>
        </div>
      ) : (
        <CurrentChoice assistants={assistants} />
      )}

      {assistants.length === 0 ? (
        <p className="text-slate-700">No assistant has worked for you yet. Assistants appear here once they log time on one of your tasks.</p>
      ) : (
        <AssistantTable assistants={assistants} onTrial={onTrial} timeZone={user.timeZone} />
      )}
    </section>
  );
}
