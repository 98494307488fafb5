import { z } from "zod";

import { defineEmail } from "./components/define";
import { EmailLayout, Greeting, Paragraph, Quote } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

export const changesRequestedPayload = z.object({
  recipientName: personName,
  clientName: z.string().trim().min(1),
  taskTitle: userText,
  note: userText,
  taskUrl: httpUrl,
});

export type ChangesRequestedProps = z.infer<typeof changesRequestedPayload>;

/** Sent to the assistant when the client sends the work back with a note. */
export default function ChangesRequestedEmail(props: ChangesRequestedProps) {
  return (
    <EmailLayout
      preview={`${props.clientName} asked for changes`}
      heading="Changes requested"
      action={{ label: "Open the task", href: props.taskUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>{props.clientName} reviewed “{props.taskTitle}” and asked for changes:</Paragraph>
      <Quote text={props.note} />
      <Paragraph>The task is back with you. Start the timer when you pick it up again.</Paragraph>
    </EmailLayout>
  );
}

ChangesRequestedEmail.PreviewProps = {
  recipientName: "Priya",
  clientName: "Northwind Studio",
  taskTitle: "Clean up the March supplier invoices",
  note: "Please add the VAT column to the summary sheet.",
  taskUrl: "http://localhost:3000/assistant/tasks/preview",
} satisfies ChangesRequestedProps;

export const changesRequestedEmail = defineEmail({
  name: "changes-requested",
  payload: changesRequestedPayload,
  component: ChangesRequestedEmail,
  subject: (props) => `Changes requested: ${props.taskTitle}`,
});
