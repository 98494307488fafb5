import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatMinutes } from "./components/format";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, personName } from "./components/schema";

export const timeLowPayload = z.object({
  recipientName: personName,
  /** The client owns the hours; the assistant working for them gets the same warning. */
  audience: z.enum(["client", "assistant"]),
  /** Warning that fired: the share of the allowance used, or the minutes left. */
  threshold: z.enum(["percent_used", "minutes_left"]),
  percentUsed: z.number().min(0).max(100),
  minutesLeft: z.number().min(0),
  clientName: z.string().trim().min(1),
  /** Billing page for the client, the task list for the assistant. */
  actionUrl: httpUrl,
});

export type TimeLowProps = z.infer<typeof timeLowPayload>;

function headline(props: TimeLowProps): string {
  const left = formatMinutes(props.minutesLeft);
  if (props.audience === "client") {
    return props.threshold === "percent_used"
      ? `You have used ${Math.round(props.percentUsed)} % of your hours`
      : `Only ${left} of task time left`;
  }

  return props.threshold === "percent_used"
    ? `${props.clientName} has used ${Math.round(props.percentUsed)} % of their hours`
    : `${props.clientName} has only ${left} of task time left`;
}

/** Sent to a client and their working assistant when the client's hours run low. */
export default function TimeLowEmail(props: TimeLowProps) {
  const left = formatMinutes(props.minutesLeft);
  const title = headline(props);

  return (
    <EmailLayout
      preview={`${left} of task time left`}
      heading={title}
      action={
        props.audience === "client"
          ? { label: "Add hours", href: props.actionUrl }
          : { label: "Open your tasks", href: props.actionUrl }
      }
    >
      <Greeting name={props.recipientName} />
      {props.audience === "client" ? (
        <>
          <Paragraph>
            Your account has {left} of task time left. When it reaches zero, every running timer stops and your
            tasks pause until you add time.
          </Paragraph>
          <Paragraph>Upgrade your plan or buy a top-up to keep work going without a break.</Paragraph>
        </>
      ) : (
        <>
          <Paragraph>
            {props.clientName} has {left} of task time left across all their tasks. When it reaches zero, your timer
            stops and you will be asked to send a handoff.
          </Paragraph>
          <Paragraph>Plan your remaining work so the client gets the most useful result in the time left.</Paragraph>
        </>
      )}
    </EmailLayout>
  );
}

TimeLowEmail.PreviewProps = {
  recipientName: "Sam",
  audience: "client",
  threshold: "percent_used",
  percentUsed: 80,
  minutesLeft: 12,
  clientName: "Northwind Studio",
  actionUrl: "http://localhost:3000/client/billing",
} satisfies TimeLowProps;

export const timeLowEmail = defineEmail({
  name: "time-low",
  payload: timeLowPayload,
  component: TimeLowEmail,
  subject: headline,
});
