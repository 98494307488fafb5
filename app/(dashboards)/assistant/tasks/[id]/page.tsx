import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";

import { api } from "~/app/_trpc/server";
import { requireRole } from "~/server/auth/guard";

import { ConversationPanel } from "../../../_components/conversation-panel";
import { TaskWorkspace } from "../../_components/task-workspace";

export const metadata: Metadata = { title: "Task" };

/** Loads a task assigned to the signed-in assistant; any other task or a wrong id shows the 404 page. */
async function loadTask(taskId: string) {
  const caller = await api();
  try {
    return await caller.work.task({ taskId });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") {
      notFound();
    }
    throw error;
  }
}

export default async function AssistantTaskPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("assistant");
  const { id } = await params;
  const task = await loadTask(id);

  return (
    <div className="space-y-8">
      <TaskWorkspace initialTask={task} timeZone={user.timeZone} viewerName={user.name} />
      <ConversationPanel taskId={task.id} timeZone={user.timeZone} />
    </div>
  );
}
