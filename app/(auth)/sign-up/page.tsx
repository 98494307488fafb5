import type { Metadata } from "next";

import { MIN_PASSWORD_LENGTH } from "~/server/auth/signup";

import { SignUpForm } from "./sign-up-form";

export const metadata: Metadata = { title: "Start a free trial" };

export default function SignUpPage() {
  return <SignUpForm minPasswordLength={MIN_PASSWORD_LENGTH} />;
}
