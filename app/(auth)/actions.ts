"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";

import { signIn } from "~/server/auth/config";
import { signUpTrialClient } from "~/server/auth/signup";
import { systemClock } from "~/server/clock";
import { getDb } from "~/server/db/client";
import { AppError } from "~/server/errors";
import { logger } from "~/server/logger";

export interface FormState {
  error?: string;
  fieldErrors?: Record<string, string>;
}

function text(formData: FormData, name: string): string {
  const value = formData.get(name);

  return typeof value === "string" ? value : "";
}

export async function signInWithPassword(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    await signIn("credentials", {
      email: text(formData, "email"),
      password: text(formData, "password"),
      redirectTo: "/",
    });
  } catch (error) {
    if (error instanceof AuthError) {
      return { error: "Email or password is incorrect, or the account is deactivated." };
    }
    throw error;
  }

  return {};
}

export async function requestSignInLink(_previous: FormState, formData: FormData): Promise<FormState> {
  const email = text(formData, "email").trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    return { fieldErrors: { email: "Enter a valid email address, like name@example.com." } };
  }
  try {
    await signIn("email", { email, redirectTo: "/" });
  } catch (error) {
    // An unknown address is answered like a known one, so the form does not reveal who has an account.
    if (error instanceof AuthError && error.type === "AccessDenied") {
      redirect("/sign-in/check-email");
    }
    throw error;
  }

  return {};
}

export async function signUp(_previous: FormState, formData: FormData): Promise<FormState> {
  const input = {
    name: text(formData, "name"),
    companyName: text(formData, "companyName"),
    email: text(formData, "email"),
    password: text(formData, "password"),
    timeZone: text(formData, "timeZone") || "UTC",
  };
  try {
    await signUpTrialClient(await getDb(), systemClock, input);
  } catch (error) {
    if (error instanceof AppError && error.code === "INVALID_INPUT") {
      return { error: "Check the highlighted fields.", fieldErrors: error.fieldErrors ?? {} };
    }
    logger.error({ err: error }, "sign-up failed");

    return { error: "Sign-up failed on our side. Try again in a moment." };
  }

  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/client" });

  return {};
}
