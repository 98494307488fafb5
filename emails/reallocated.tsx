import { z } from "zod";

import { defineEmail } from "./components/define";
import { pluralize } from "./components/format";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

export const reallocatedPayload = z.object({
  recipientName: personName,
  taskTitle: userText,
  /** Lapses in the window, this one included. */
  lapseCount: z.number().int().min(1),
  lapsesToBlock: z.number().int().min(1),
  windowDays: z.number().int().min(1),
  blockDays: z.number().int().min(1),
  dashboardUrl: httpUrl,
});

export type ReallocatedProps = z.infer<typeof reallocatedPayload>;

/** Sent to an assistant who lost a task because the timer did not start in time (a lapse). */
export default function ReallocatedEmail(props: ReallocatedProps) {
  return (
    <EmailLayout
      preview={`You now have ${pluralize(props.lapseCount, "lapse")} in the last ${props.windowDays} days`}
      heading="A task was reallocated"
      action={{ label: "Open your dashboard", href: props.dashboardUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        The timer on “{props.taskTitle}” did not start within the start window, so the task went back to routing
        for another assistant and a lapse was recorded on your account.
      </Paragraph>
      <Paragraph>
        You now have {pluralize(props.lapseCount, "lapse")} in the last {props.windowDays} days. At{" "}
        {pluralize(props.lapsesToBlock, "lapse")} in that window you stop receiving offers for{" "}
        {pluralize(props.blockDays, "day")}. Accept only work you can start straight away.
      </Paragraph>
    </EmailLayout>
  );
}

ReallocatedEmail.PreviewProps = {
  recipientName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  lapseCount: 1,
  lapsesToBlock: 2,
  windowDays: 30,
  blockDays: 7,
  dashboardUrl: "http://localhost:3000/assistant",
} satisfies ReallocatedProps;

export const reallocatedEmail = defineEmail({
  name: "reallocated",
  payload: reallocatedPayload,
  component: ReallocatedEmail,
  subject: (props) => `Task reallocated: ${props.taskTitle}`,
});
