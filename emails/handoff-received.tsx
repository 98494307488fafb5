import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatMinutes } from "./components/format";
import { EmailLayout, Greeting, Paragraph, Quote } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

export const handoffReceivedPayload = z.object({
  recipientName: personName,
  assistantName: personName,
  taskTitle: userText,
  /** Summary of the work done before the time ran out, in the assistant's words. */
  achieved: userText,
  minutesRequested: z.number().int().min(0),
  taskUrl: httpUrl,
});

export type HandoffReceivedProps = z.infer<typeof handoffReceivedPayload>;

/** Sent to a client when the assistant hands off a task that ran out of time. */
export default function HandoffReceivedEmail(props: HandoffReceivedProps) {
  const extra = formatMinutes(props.minutesRequested);

  return (
    <EmailLayout
      preview={`${props.assistantName} needs ${extra} more`}
      heading="Your assistant sent a handoff"
      action={{ label: "Review the handoff", href: props.taskUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        {props.assistantName} paused “{props.taskTitle}” because the time ran out. What they achieved:
      </Paragraph>
      <Quote text={props.achieved} />
      <Paragraph>
        They estimate the task needs {extra} more. Approve the extra time, or upgrade or top up your hours, and{" "}
        {props.assistantName} continues the task.
      </Paragraph>
    </EmailLayout>
  );
}

HandoffReceivedEmail.PreviewProps = {
  recipientName: "Sam",
  assistantName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  achieved: "Matched 41 of 58 invoices to purchase orders.\nThe remaining 17 need the supplier statements.",
  minutesRequested: 45,
  taskUrl: "http://localhost:3000/client/tasks/preview",
} satisfies HandoffReceivedProps;

export const handoffReceivedEmail = defineEmail({
  name: "handoff-received",
  payload: handoffReceivedPayload,
  component: HandoffReceivedEmail,
  subject: (props) => `Handoff on ${props.taskTitle}: ${formatMinutes(props.minutesRequested)} more requested`,
});
