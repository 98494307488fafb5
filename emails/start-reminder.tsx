import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatInstant } from "./components/format";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, instant, personName, timeZone, userText } from "./components/schema";

export const startReminderPayload = z.object({
  recipientName: personName,
  taskTitle: userText,
  startBy: instant,
  timeZone,
  taskUrl: httpUrl,
});

export type StartReminderProps = z.infer<typeof startReminderPayload>;

/** Sent halfway through the start window to an assistant who accepted a task but has not started the timer. */
export default function StartReminderEmail(props: StartReminderProps) {
  const deadline = formatInstant(props.startBy, props.timeZone);

  return (
    <EmailLayout
      preview={`Start the timer by ${deadline}`}
      heading="Start the timer on your new task"
      action={{ label: "Open the task", href: props.taskUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        You accepted “{props.taskTitle}” but the billing timer has not started yet. Start it by {deadline}.
      </Paragraph>
      <Paragraph>
        If the timer has not started by then, the task goes back to routing for another assistant and a lapse is
        recorded on your account.
      </Paragraph>
    </EmailLayout>
  );
}

StartReminderEmail.PreviewProps = {
  recipientName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  startBy: "2026-03-10T15:00:00.000Z",
  timeZone: "Europe/London",
  taskUrl: "http://localhost:3000/assistant/tasks/preview",
} satisfies StartReminderProps;

export const startReminderEmail = defineEmail({
  name: "start-reminder",
  payload: startReminderPayload,
  component: StartReminderEmail,
  subject: (props) => `Start the timer: ${props.taskTitle}`,
});
