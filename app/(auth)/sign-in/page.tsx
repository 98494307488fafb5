import type { Metadata } from "next";

import { SignInForms } from "./sign-in-forms";

export const metadata: Metadata = { title: "Sign in" };

export default function SignInPage() {
  return <SignInForms />;
}
