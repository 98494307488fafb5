import { TRPCClientError } from "@trpc/client";
import { describe, expect, it } from "vitest";

import { toastForError } from "~/app/_components/error-toast";

function serverError(code: string, message: string, fieldErrors: Record<string, string> | null = null) {
  return TRPCClientError.from({ error: { message, code: -32600, data: { code, httpStatus: 400, fieldErrors } } });
}

describe("toastForError", () => {
  it("skips errors shown on a field", () => {
    expect(toastForError(serverError("BAD_REQUEST", "Title is too short.", { title: "Title must be at least 3 characters." }))).toBeNull();
  });

  it("adds the next step to a conflict", () => {
    const toast = toastForError(serverError("CONFLICT", "Another assistant accepted this task first."));

    expect(toast?.title).toBe("Another assistant accepted this task first.");
    expect(toast?.body).toContain("Reload the page");
  });

  it("asks to sign in again after a lost session", () => {
    expect(toastForError(serverError("UNAUTHORIZED", "Sign in to continue."))?.body).toContain("Sign in again");
  });

  it("explains a request that never arrived", () => {
    expect(toastForError(new TypeError("Failed to fetch"))?.body).toContain("Check your connection");
  });
});
