import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { appRouter } from "~/server/api/root";
import type { Context } from "~/server/api/trpc";

export interface HttpTrpcError {
  status: number;
  message: string;
  code: string;
  fieldErrors: Record<string, string> | null;
}

/**
 * Calls a mutation through tRPC's real fetch handler, so the error
 * formatter runs exactly as it does for the browser.
 */
export async function postMutation(context: Context, path: string, input: unknown): Promise<{ ok: true; data: unknown } | ({ ok: false } & HttpTrpcError)> {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: input }),
    }),
    router: appRouter,
    createContext: () => context,
  });
  const body = (await response.json()) as {
    result?: { data: { json: unknown } };
    error?: { json: { message: string; data: { code: string; fieldErrors: Record<string, string> | null } } };
  };
  if (body.error) {
    return { ok: false, status: response.status, message: body.error.json.message, code: body.error.json.data.code, fieldErrors: body.error.json.data.fieldErrors };
  }

  return { ok: true, data: body.result?.data.json };
}
