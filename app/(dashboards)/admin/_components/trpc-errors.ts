import { TRPCClientError } from "@trpc/client";

/** Messages for single form fields from a failed tRPC call, keyed by the field's path ("reason", "planSeconds.starter"). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string> | null } | undefined;

    return data?.fieldErrors ?? {};
  }

  return {};
}

/**
 * Returns the message to show above a form whose fields are `fields`: the server's
 * message when none of them carries a field error, otherwise null.
 */
export function formErrorOf(error: unknown, fields: readonly string[]): string | null {
  if (!error) {
    return null;
  }
  const fieldErrors = fieldErrorsOf(error);
  if (fields.some((field) => field in fieldErrors)) {
    return null;
  }
  if (!(error instanceof TRPCClientError)) {
    return "The request failed. Check your connection and try again.";
  }

  return error.message;
}
