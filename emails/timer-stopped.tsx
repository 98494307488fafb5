import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatInstant } from "./components/format";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, instant, personName, timeZone, userText } from "./components/schema";

export const timerStoppedPayload = z.object({
  recipientName: personName,
  taskTitle: userText,
  startedAt: instant,
  stoppedAt: instant,
  /** Maximum running time of a timer before it stops by itself. */
  maxRunningHours: z.number().positive(),
  timeZone,
  timeLogUrl: httpUrl,
});

export type TimerStoppedProps = z.infer<typeof timerStoppedPayload>;

/** Sent to an assistant whose timer ran for the maximum time and was stopped by the watchdog. */
export default function TimerStoppedEmail(props: TimerStoppedProps) {
  return (
    <EmailLayout
      preview="Check the time entry it created"
      heading={`Your timer stopped after ${props.maxRunningHours} hours`}
      action={{ label: "Check your time log", href: props.timeLogUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        Your timer on “{props.taskTitle}” ran from {formatInstant(props.startedAt, props.timeZone)} to{" "}
        {formatInstant(props.stoppedAt, props.timeZone)} and stopped by itself. The entry is flagged for you to
        check.
      </Paragraph>
      <Paragraph>
        If you stopped working earlier, correct the entry and give the reason, so the client is billed only for the
        time you worked.
      </Paragraph>
    </EmailLayout>
  );
}

TimerStoppedEmail.PreviewProps = {
  recipientName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  startedAt: "2026-03-10T09:00:00.000Z",
  stoppedAt: "2026-03-10T17:00:00.000Z",
  maxRunningHours: 8,
  timeZone: "Europe/London",
  timeLogUrl: "http://localhost:3000/assistant/time",
} satisfies TimerStoppedProps;

export const timerStoppedEmail = defineEmail({
  name: "timer-stopped",
  payload: timerStoppedPayload,
  component: TimerStoppedEmail,
  subject: (props) => `Timer stopped after ${props.maxRunningHours} hours: ${props.taskTitle}`,
});
