"use client";

import Link from "next/link";
import { useActionState, useTransition, type FormEvent } from "react";

import { Button } from "../../_components/button";
import { Field } from "../../_components/field";
import { requestSignInLink, signInWithPassword, type FormState } from "../actions";

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Runs a server action from onSubmit instead of the form's `action` prop,
 * because React resets a form after an action and the person would lose
 * what they typed when it is rejected.
 */
function useKeptForm(action: Action) {
  const [state, dispatch] = useActionState(action, {});
  const [pending, startTransition] = useTransition();
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };

  return { state, pending, onSubmit };
}

export function SignInForms() {
  const password = useKeptForm(signInWithPassword);
  const link = useKeptForm(requestSignInLink);

  return (
    <div className="space-y-8">
      <form method="post" onSubmit={password.onSubmit} className="space-y-4" aria-labelledby="password-heading">
        <h1 id="password-heading" className="text-lg font-semibold">
          Sign in
        </h1>
        {password.state.error ? (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {password.state.error}
          </p>
        ) : null}
        <Field label="Email" name="email" type="email" autoComplete="email" required />
        <Field label="Password" name="password" type="password" autoComplete="current-password" required />
        <Button type="submit" disabled={password.pending} className="w-full">
          {password.pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>

      <form method="post" onSubmit={link.onSubmit} className="space-y-4 border-t border-slate-200 pt-6" aria-labelledby="link-heading">
        <h2 id="link-heading" className="text-sm font-semibold">
          Or get a sign-in link by email
        </h2>
        <Field label="Email for the link" name="email" id="link-email" type="email" autoComplete="email" error={link.state.fieldErrors?.email} required />
        <Button type="submit" variant="secondary" disabled={link.pending} className="w-full">
          {link.pending ? "Sending…" : "Email me a sign-in link"}
        </Button>
      </form>

      <p className="text-center text-sm text-slate-700">
        New to Baton?{" "}
        <Link href="/sign-up" className="font-medium text-indigo-700 underline">
          Start a free trial
        </Link>
      </p>
    </div>
  );
}
