import type { AssignmentEndReason, Prisma, Role } from "../db/generated/client";

/** The signed-in person reading or writing a task's conversation. */
export interface ConversationViewer {
  userId: string;
  role: Role;
  /** Set for clients. */
  clientId: string | null;
  /** Set for assistants. */
  assistantId: string | null;
}

/**
 * Assignment endings after which the assistant keeps reading the
 * conversation, because the task ended while it was theirs. An assistant
 * who lapsed, was reassigned or was deactivated loses it.
 */
const ENDINGS_THAT_KEEP_ACCESS: AssignmentEndReason[] = ["completed", "cancelled"];

/**
 * Returns the tasks whose conversation the viewer may read, as a `where`
 * filter. An admin reads every task and a client their own tasks. An
 * assistant reads the tasks assigned to them now or when the task ended.
 * Returns null when the viewer can read none.
 */
export function readableTasks(viewer: ConversationViewer): Prisma.TaskWhereInput | null {
  if (viewer.role === "admin") {
    return {};
  }
  if (viewer.role === "client") {
    return viewer.clientId ? { clientId: viewer.clientId } : null;
  }
  if (!viewer.assistantId) {
    return null;
  }

  return {
    assignments: {
      some: { assistantId: viewer.assistantId, OR: [{ endedAt: null }, { endReason: { in: ENDINGS_THAT_KEEP_ACCESS } }] },
    },
  };
}

/**
 * Returns the tasks whose conversation the viewer may write to. These are
 * the readableTasks, except that an assistant must be assigned to the task now.
 */
export function writableTasks(viewer: ConversationViewer): Prisma.TaskWhereInput | null {
  if (viewer.role !== "assistant") {
    return readableTasks(viewer);
  }

  return viewer.assistantId ? { assignments: { some: { assistantId: viewer.assistantId, endedAt: null } } } : null;
}

/** Returns the app path where a person of `role` opens the task and its conversation. */
export function taskPathFor(role: Role, taskId: string): string {
  return `/${role}/tasks/${taskId}`;
}
