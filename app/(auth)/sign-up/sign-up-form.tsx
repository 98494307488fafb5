"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef, useTransition, type FormEvent } from "react";

import { Button } from "../../_components/button";
import { Field } from "../../_components/field";
import { signUp } from "../actions";

export function SignUpForm({ minPasswordLength }: { minPasswordLength: number }) {
  const [state, dispatch] = useActionState(signUp, {});
  const [pending, startTransition] = useTransition();
  const timeZoneInput = useRef<HTMLInputElement>(null);
  const errors = state.fieldErrors ?? {};

  // The server renders UTC; the browser fills in its own zone unless the person already typed one.
  useEffect(() => {
    const input = timeZoneInput.current;
    if (input && input.value === "UTC") {
      input.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
    }
  }, []);

  // Submitting from onSubmit keeps every typed value in the form when the server rejects it.
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => dispatch(formData));
  };

  return (
    <form method="post" onSubmit={onSubmit} className="space-y-4" noValidate>
      <h1 className="text-lg font-semibold">Start your free trial</h1>
      <p className="text-sm text-slate-700">Your first hour of assistant time is on us.</p>
      {state.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
          {state.error}
        </p>
      ) : null}
      <Field label="Your name" name="name" autoComplete="name" error={errors.name} required />
      <Field label="Company name" name="companyName" autoComplete="organization" error={errors.companyName} required />
      <Field label="Email" name="email" type="email" autoComplete="email" error={errors.email} required />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${minPasswordLength} characters.`}
        error={errors.password}
        required
      />
      <Field
        label="Time zone"
        name="timeZone"
        ref={timeZoneInput}
        defaultValue="UTC"
        hint="Detected from your browser; due dates are shown in this zone."
        error={errors.timeZone}
      />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
      <p className="text-center text-sm text-slate-700">
        Already have an account?{" "}
        <Link href="/sign-in" className="font-medium text-indigo-700 underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
