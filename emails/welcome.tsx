import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatMinutes } from "./components/format";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, personName } from "./components/schema";

export const welcomePayload = z.object({
  recipientName: personName,
  role: z.enum(["client", "assistant", "admin"]),
  /** Free task time of a new trial client; null for everyone else. */
  trialMinutes: z.number().int().min(0).nullable(),
  dashboardUrl: httpUrl,
});

export type WelcomeProps = z.infer<typeof welcomePayload>;

function introduction(props: WelcomeProps): string {
  if (props.role === "client") {
    return props.trialMinutes === null
      ? "Send your first brief and a skilled assistant picks it up."
      : `Your trial includes ${formatMinutes(props.trialMinutes)} of task time. Send your first brief and a skilled assistant picks it up.`;
  }
  if (props.role === "assistant") {
    return "Task offers that match your skills appear on your dashboard and arrive by email. Keep your skills and availability up to date so the right work reaches you.";
  }

  return "Your admin account can see the platform's metrics, assistants, clients, tasks and settings.";
}

/** Sent once when an account is created. */
export default function WelcomeEmail(props: WelcomeProps) {
  return (
    <EmailLayout
      preview="Your Baton account is ready"
      heading="Welcome to Baton"
      action={{ label: "Open your dashboard", href: props.dashboardUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>{introduction(props)}</Paragraph>
    </EmailLayout>
  );
}

WelcomeEmail.PreviewProps = {
  recipientName: "Sam",
  role: "client",
  trialMinutes: 60,
  dashboardUrl: "http://localhost:3000/client",
} satisfies WelcomeProps;

export const welcomeEmail = defineEmail({
  name: "welcome",
  payload: welcomePayload,
  component: WelcomeEmail,
  subject: () => "Welcome to Baton",
});
