import { z } from "zod";

import { defineEmail } from "./components/define";
import { pluralize, truncateText } from "./components/format";
import { EmailLayout, Greeting, Paragraph, Quote } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

/** Maximum length of the latest message's excerpt, in characters. */
const MAX_EXCERPT_CHARACTERS = 600;

export const newMessagePayload = z.object({
  recipientName: personName,
  senderName: personName,
  taskTitle: userText,
  /** Messages in the burst that are still unread. */
  unreadCount: z.number().int().min(1),
  latestMessage: userText,
  taskUrl: httpUrl,
});

export type NewMessageProps = z.infer<typeof newMessagePayload>;

/** Sent once per burst of task messages that stayed unread. */
export default function NewMessageEmail(props: NewMessageProps) {
  return (
    <EmailLayout
      preview={truncateText(props.latestMessage, 120)}
      heading={`${pluralize(props.unreadCount, "unread message")} on your task`}
      action={{ label: "Read and reply", href: props.taskUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        {props.senderName} wrote about “{props.taskTitle}”. The latest message:
      </Paragraph>
      <Quote text={truncateText(props.latestMessage, MAX_EXCERPT_CHARACTERS)} />
      <Paragraph>Reply on the task page so the whole conversation stays in one place.</Paragraph>
    </EmailLayout>
  );
}

NewMessageEmail.PreviewProps = {
  recipientName: "Sam",
  senderName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  unreadCount: 2,
  latestMessage: "Could you share the supplier statements for February? Three invoices reference them.",
  taskUrl: "http://localhost:3000/client/tasks/preview",
} satisfies NewMessageProps;

export const newMessageEmail = defineEmail({
  name: "new-message",
  payload: newMessagePayload,
  component: NewMessageEmail,
  subject: (props) => `${props.senderName} sent you a message about ${props.taskTitle}`,
});
