import { z } from "zod";

import { defineEmail } from "./components/define";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

export const unroutedTaskPayload = z.object({
  recipientName: personName,
  taskTitle: userText,
  clientName: z.string().trim().min(1),
  clientPlan: z.enum(["trial", "paid"]),
  /** No assistant was eligible at all, or every eligible one declined or let the offer expire. */
  reason: z.enum(["no_candidates", "candidates_exhausted"]),
  taskUrl: httpUrl,
});

export type UnroutedTaskProps = z.infer<typeof unroutedTaskPayload>;

const EXPLANATION: Record<UnroutedTaskProps["reason"], string> = {
  no_candidates: "No active assistant has every required skill and is available, unblocked and below capacity.",
  candidates_exhausted: "Every eligible assistant declined the offer or let it expire.",
};

/** Sent to admins when a task lands in the unrouted queue. */
export default function UnroutedTaskEmail(props: UnroutedTaskProps) {
  return (
    <EmailLayout
      preview={EXPLANATION[props.reason]}
      heading="A task needs an assistant"
      action={{ label: "Open the task", href: props.taskUrl }}
      footer="You receive this email because you are a Baton admin."
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        “{props.taskTitle}” from {props.clientName} ({props.clientPlan === "trial" ? "trial client" : "paid plan"})
        is in the unrouted queue. {EXPLANATION[props.reason]}
      </Paragraph>
      <Paragraph>The client has been told that the platform is still looking for an assistant.</Paragraph>
    </EmailLayout>
  );
}

UnroutedTaskEmail.PreviewProps = {
  recipientName: "Alex",
  taskTitle: "Translate the onboarding guide into Japanese",
  clientName: "Northwind Studio",
  clientPlan: "trial",
  reason: "no_candidates",
  taskUrl: "http://localhost:3000/admin/tasks/preview",
} satisfies UnroutedTaskProps;

export const unroutedTaskEmail = defineEmail({
  name: "unrouted-task",
  payload: unroutedTaskPayload,
  component: UnroutedTaskEmail,
  subject: (props) => `Unrouted task: ${props.taskTitle}`,
});
