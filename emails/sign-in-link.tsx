import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatInstant } from "./components/format";
import { EmailLayout, Paragraph } from "./components/layout";
import { httpUrl, instant } from "./components/schema";

export const signInLinkPayload = z.object({
  /** The one-time sign-in URL that next-auth built. */
  url: httpUrl,
  expiresAt: instant,
});

export type SignInLinkProps = z.infer<typeof signInLinkPayload>;

/** Sent when someone requests an email sign-in link, so the recipient is usually not signed in yet. */
export default function SignInLinkEmail(props: SignInLinkProps) {
  return (
    <EmailLayout
      preview="Your sign-in link for Baton"
      heading="Sign in to Baton"
      action={{ label: "Sign in", href: props.url }}
      footer="If you did not ask for this link, ignore this email."
    >
      <Paragraph>
        Use the button below to sign in. The link works once and expires at{" "}
        {formatInstant(props.expiresAt, "UTC")}.
      </Paragraph>
      <Paragraph>If the button does not work, copy this address into your browser: {props.url}</Paragraph>
    </EmailLayout>
  );
}

SignInLinkEmail.PreviewProps = {
  url: "http://localhost:3000/api/auth/callback/email?token=preview&email=sam%40example.com",
  expiresAt: "2026-03-10T15:15:00.000Z",
} satisfies SignInLinkProps;

export const signInLinkEmail = defineEmail({
  name: "sign-in-link",
  payload: signInLinkPayload,
  component: SignInLinkEmail,
  subject: () => "Your Baton sign-in link",
});
