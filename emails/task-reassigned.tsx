import { z } from "zod";

import { defineEmail } from "./components/define";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

export const taskReassignedPayload = z.object({
  recipientName: personName,
  taskTitle: userText,
  dashboardUrl: httpUrl,
});

export type TaskReassignedProps = z.infer<typeof taskReassignedPayload>;

/** Sent to an assistant whose task an admin moved to another assistant. */
export default function TaskReassignedEmail(props: TaskReassignedProps) {
  return (
    <EmailLayout
      preview="An admin moved this task to another assistant"
      heading="A task moved to another assistant"
      action={{ label: "Open your dashboard", href: props.dashboardUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        An admin moved “{props.taskTitle}” to another assistant. If your timer was running on it, the timer stopped
        at that moment. The time you logged on the task stays in its time log.
      </Paragraph>
      <Paragraph>This is not a lapse and does not count against you.</Paragraph>
    </EmailLayout>
  );
}

TaskReassignedEmail.PreviewProps = {
  recipientName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  dashboardUrl: "http://localhost:3000/assistant",
} satisfies TaskReassignedProps;

export const taskReassignedEmail = defineEmail({
  name: "task-reassigned",
  payload: taskReassignedPayload,
  component: TaskReassignedEmail,
  subject: (props) => `Task moved to another assistant: ${props.taskTitle}`,
});
