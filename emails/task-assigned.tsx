import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatInstant } from "./components/format";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, instant, personName, timeZone, userText } from "./components/schema";

export const taskAssignedPayload = z.object({
  recipientName: personName,
  taskTitle: userText,
  startBy: instant,
  timeZone,
  taskUrl: httpUrl,
});

export type TaskAssignedProps = z.infer<typeof taskAssignedPayload>;

/** Sent to an assistant whom an admin gave a task directly, without an offer to accept. */
export default function TaskAssignedEmail(props: TaskAssignedProps) {
  const deadline = formatInstant(props.startBy, props.timeZone);

  return (
    <EmailLayout
      preview={`Start the timer by ${deadline}`}
      heading="A task was assigned to you"
      action={{ label: "Open the task", href: props.taskUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>An admin assigned “{props.taskTitle}” to you. Sign in to read the brief.</Paragraph>
      <Paragraph>
        Start the billing timer by {deadline}. If it has not started by then, the task goes back to routing for
        another assistant and a lapse is recorded on your account.
      </Paragraph>
    </EmailLayout>
  );
}

TaskAssignedEmail.PreviewProps = {
  recipientName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  startBy: "2026-03-10T15:00:00.000Z",
  timeZone: "Europe/London",
  taskUrl: "http://localhost:3000/assistant/tasks/preview",
} satisfies TaskAssignedProps;

export const taskAssignedEmail = defineEmail({
  name: "task-assigned",
  payload: taskAssignedPayload,
  component: TaskAssignedEmail,
  subject: (props) => `Task assigned to you: ${props.taskTitle}`,
});
