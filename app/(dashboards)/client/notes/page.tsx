import type { Metadata } from "next";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { NotesForm } from "./notes-form";

export const metadata: Metadata = { title: "Notes for assistants" };

export default async function ClientNotesPage() {
  const user = await requireRole("client");
  const caller = await api();
  const notes = await caller.brief.notes();

  return (
    <section className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Notes for assistants</h1>
      <p className="text-slate-700">
        Every assistant sees these notes on every task you send, so your preferences stay with the work when it moves to someone new. Write down tone,
        tools you use and things to avoid.
      </p>
      <NotesForm initialNotes={notes} timeZone={user.timeZone} />
    </section>
  );
}
