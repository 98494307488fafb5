import { z } from "zod";

import { defineEmail } from "./components/define";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

export const stopWorkPayload = z.object({
  recipientName: personName,
  clientName: z.string().trim().min(1),
  taskTitle: userText,
  /** The client's balance reached zero, or the task reached its own time limit. */
  scope: z.enum(["balance", "task_limit"]),
  taskUrl: httpUrl,
});

export type StopWorkProps = z.infer<typeof stopWorkPayload>;

/** Sent to the working assistant when their timer stopped because the time ran out. */
export default function StopWorkEmail(props: StopWorkProps) {
  const cause =
    props.scope === "balance"
      ? `${props.clientName} has no task time left`
      : `“${props.taskTitle}” reached the time limit the client set`;

  return (
    <EmailLayout
      preview="Your timer stopped. Send a handoff."
      heading="Stop work: the time has run out"
      action={{ label: "Write the handoff", href: props.taskUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        {cause}, so your timer on “{props.taskTitle}” stopped. Time after this point is not billed, so please stop
        working on the task.
      </Paragraph>
      <Paragraph>
        Send a handoff: what you achieved and how many more minutes the task needs. Once the client adds time, you
        continue the task.
      </Paragraph>
    </EmailLayout>
  );
}

StopWorkEmail.PreviewProps = {
  recipientName: "Priya",
  clientName: "Northwind Studio",
  taskTitle: "Clean up the March supplier invoices",
  scope: "balance",
  taskUrl: "http://localhost:3000/assistant/tasks/preview",
} satisfies StopWorkProps;

export const stopWorkEmail = defineEmail({
  name: "stop-work",
  payload: stopWorkPayload,
  component: StopWorkEmail,
  subject: (props) => `Stop work on ${props.taskTitle}: the time has run out`,
});
