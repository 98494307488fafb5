import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatInstant } from "./components/format";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, instant, personName, timeZone, userText } from "./components/schema";

export const reviewReminderPayload = z.object({
  recipientName: personName,
  assistantName: personName,
  taskTitle: userText,
  autoApproveAt: instant,
  timeZone,
  taskUrl: httpUrl,
});

export type ReviewReminderProps = z.infer<typeof reviewReminderPayload>;

/** Sent to a client whose task has waited in review, before it is approved automatically. */
export default function ReviewReminderEmail(props: ReviewReminderProps) {
  const deadline = formatInstant(props.autoApproveAt, props.timeZone);

  return (
    <EmailLayout
      preview={`Approved automatically on ${deadline} unless you review it`}
      heading="A task is waiting for your review"
      action={{ label: "Review the work", href: props.taskUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        {props.assistantName} delivered “{props.taskTitle}” and it is still waiting for your review.
      </Paragraph>
      <Paragraph>
        Approve it or request changes. If you do neither, the task is approved automatically on {deadline}.
      </Paragraph>
    </EmailLayout>
  );
}

ReviewReminderEmail.PreviewProps = {
  recipientName: "Sam",
  assistantName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  autoApproveAt: "2026-03-17T15:00:00.000Z",
  timeZone: "America/New_York",
  taskUrl: "http://localhost:3000/client/tasks/preview",
} satisfies ReviewReminderProps;

export const reviewReminderEmail = defineEmail({
  name: "review-reminder",
  payload: reviewReminderPayload,
  component: ReviewReminderEmail,
  subject: (props) => `Waiting for your review: ${props.taskTitle}`,
});
