import { TRPCClientError } from "@trpc/client";

export interface MutationErrorView {
  /** Messages for the form's own fields, keyed by field name. */
  fieldErrors: Record<string, string>;
  /** A message for the whole form, set when no field of the form can show the problem. */
  formError: string | null;
}

/**
 * Splits a failed tRPC mutation's error into messages for the named form
 * fields and one message for the whole form. The server puts input
 * problems in `data.fieldErrors` and a message for the person otherwise.
 */
export function readMutationError(error: unknown, fields: readonly string[]): MutationErrorView {
  if (!error) {
    return { fieldErrors: {}, formError: null };
  }
  if (!(error instanceof TRPCClientError)) {
    return { fieldErrors: {}, formError: "The request failed. Check your connection and try again." };
  }

  const data = error.data as { fieldErrors?: Record<string, string> | null } | undefined;
  const all = data?.fieldErrors ?? {};
  const fieldErrors = Object.fromEntries(Object.entries(all).filter(([field]) => fields.includes(field)));
  if (Object.keys(fieldErrors).length > 0) {
    return { fieldErrors, formError: null };
  }
  const otherMessages = Object.values(all);

  return { fieldErrors: {}, formError: otherMessages.length > 0 ? otherMessages.join(" ") : error.message };
}
