import { TRPCClientError } from "@trpc/client";

/** Messages for single form fields from a failed tRPC call, keyed by the field's path ("startedAt", "links.1"). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string> | null } | undefined;

    return data?.fieldErrors ?? {};
  }

  return {};
}

/**
 * Returns the message to show above a form. That is the server's message
 * when no field carries it, otherwise null because the fields show their own.
 */
export function formErrorOf(error: unknown): string | null {
  if (!error) {
    return null;
  }
  if (Object.keys(fieldErrorsOf(error)).length > 0) {
    return null;
  }

  return error instanceof Error ? error.message : "The request failed. Try again.";
}

/** Returns the tRPC error code of a failed call, such as "CONFLICT", or null for other errors. */
export function errorCodeOf(error: unknown): string | null {
  if (error instanceof TRPCClientError) {
    const data = error.data as { code?: string } | undefined;

    return data?.code ?? null;
  }

  return null;
}
