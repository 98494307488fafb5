import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatInstant } from "./components/format";
import { EmailLayout, Greeting, Paragraph, Quote } from "./components/layout";
import { httpUrl, instant, personName, timeZone, userText } from "./components/schema";

export const readyForReviewPayload = z.object({
  recipientName: personName,
  assistantName: personName,
  taskTitle: userText,
  deliveryNote: userText,
  autoApproveAt: instant,
  timeZone,
  taskUrl: httpUrl,
});

export type ReadyForReviewProps = z.infer<typeof readyForReviewPayload>;

/** Sent to a client when the assistant submits the work. */
export default function ReadyForReviewEmail(props: ReadyForReviewProps) {
  return (
    <EmailLayout
      preview={`${props.assistantName} finished ${props.taskTitle}`}
      heading="Your task is ready for review"
      action={{ label: "Review the work", href: props.taskUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>{props.assistantName} submitted “{props.taskTitle}” with this delivery note:</Paragraph>
      <Quote text={props.deliveryNote} />
      <Paragraph>
        Approve the work or request changes. If you do neither, the task is approved automatically on{" "}
        {formatInstant(props.autoApproveAt, props.timeZone)}.
      </Paragraph>
    </EmailLayout>
  );
}

ReadyForReviewEmail.PreviewProps = {
  recipientName: "Sam",
  assistantName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  deliveryNote: "All 58 invoices are matched. The summary sheet is in the shared folder.",
  autoApproveAt: "2026-03-17T15:00:00.000Z",
  timeZone: "America/New_York",
  taskUrl: "http://localhost:3000/client/tasks/preview",
} satisfies ReadyForReviewProps;

export const readyForReviewEmail = defineEmail({
  name: "ready-for-review",
  payload: readyForReviewPayload,
  component: ReadyForReviewEmail,
  subject: (props) => `Ready for review: ${props.taskTitle}`,
});
