import { TRPCClientError } from "@trpc/client";

export interface ToastMessage {
  title: string;
  body: string;
}

/** Next step after a failed request, by the server's error code. */
const NEXT_STEP: Record<string, string> = {
  UNAUTHORIZED: "Sign in again, then repeat the action.",
  FORBIDDEN: "This account cannot do this. Sign in with the right account or ask an admin.",
  NOT_FOUND: "It may have been removed or moved to someone else. Reload the page to see the latest state.",
  CONFLICT: "Someone else changed this at the same time. Reload the page to see the latest state.",
  PRECONDITION_FAILED: "Reload the page to see the latest state, then try again.",
  TOO_MANY_REQUESTS: "Wait a minute, then try again.",
  INTERNAL_SERVER_ERROR: "Try again in a moment. If it keeps failing, contact support.",
};

/**
 * Returns the toast for a failed action, or null when the form shows the
 * error itself on its fields. A request that never reached the server gets
 * a message about the connection.
 */
export function toastForError(error: unknown): ToastMessage | null {
  if (!(error instanceof TRPCClientError)) {
    return { title: "The action failed", body: "Baton could not be reached. Check your connection and try again." };
  }
  const data = error.data as { code?: string; fieldErrors?: Record<string, string> | null } | undefined;
  if (data?.fieldErrors && Object.keys(data.fieldErrors).length > 0) {
    return null;
  }
  if (!data?.code) {
    return { title: "The action failed", body: "Baton could not be reached. Check your connection and try again." };
  }

  return { title: error.message, body: NEXT_STEP[data.code] ?? "Check the page for details and try again." };
}
