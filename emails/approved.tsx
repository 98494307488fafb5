import { z } from "zod";

import { defineEmail } from "./components/define";
import { EmailLayout, Greeting, Paragraph, Quote } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

export const approvedPayload = z.object({
  recipientName: personName,
  taskTitle: userText,
  /** True when the review period ended without a decision from the client. */
  automatic: z.boolean(),
  rating: z.number().int().min(1).max(5).nullable(),
  comment: userText.nullable(),
  taskUrl: httpUrl,
});

export type ApprovedProps = z.infer<typeof approvedPayload>;

/** Sent to the assistant when a task they delivered is approved. */
export default function ApprovedEmail(props: ApprovedProps) {
  return (
    <EmailLayout
      preview={props.rating === null ? "The task is complete" : `Rated ${props.rating} out of 5`}
      heading="Your work was approved"
      action={{ label: "Open the task", href: props.taskUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        {props.automatic
          ? `“${props.taskTitle}” was approved automatically at the end of the review period, and the task is complete.`
          : `The client approved “${props.taskTitle}”, and the task is complete.`}
      </Paragraph>
      {props.rating === null ? null : <Paragraph>Rating: {props.rating} out of 5.</Paragraph>}
      {props.comment ? <Quote text={props.comment} /> : null}
      <Paragraph>Thank you for the work.</Paragraph>
    </EmailLayout>
  );
}

ApprovedEmail.PreviewProps = {
  recipientName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  automatic: false,
  rating: 5,
  comment: "Exactly what we needed, thanks!",
  taskUrl: "http://localhost:3000/assistant/tasks/preview",
} satisfies ApprovedProps;

export const approvedEmail = defineEmail({
  name: "approved",
  payload: approvedPayload,
  component: ApprovedEmail,
  subject: (props) => `Approved: ${props.taskTitle}`,
});
