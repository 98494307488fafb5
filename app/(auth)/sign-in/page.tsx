import type { Metadata } from "next";

import { SignInForms } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

/** Messages for the error codes Auth.js puts in the URL when it sends someone back here. */
const ERROR_MESSAGES: Record<string, string> = {
  Verification: "That sign-in link was already used or has expired. Ask for a new one below.",
  AccessDenied: "That account cannot sign in. It may be deactivated.",
  Configuration: "Sign-in is not available right now. Try again in a moment.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message = error ? (ERROR_MESSAGES[error] ?? "Sign-in failed. Try again.") : null;

  return (
    <>
      {message ? (
        <p role="status" className="mb-4 rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          {message}
        </p>
      ) : null}
      <SignInForms />
    </>
  );
}
