import { z } from "zod";

import { defineEmail } from "./components/define";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

export const timeUsedUpPayload = z.discriminatedUnion("scope", [
  z.object({
    /** The client's whole balance reached zero. */
    scope: z.literal("balance"),
    recipientName: personName,
    /** Tasks whose running timer stopped at that instant. */
    stoppedTaskTitles: z.array(userText),
    billingUrl: httpUrl,
  }),
  z.object({
    /** One task reached the time limit the client set on it. */
    scope: z.literal("task_limit"),
    recipientName: personName,
    taskTitle: userText,
    taskUrl: httpUrl,
  }),
]);

export type TimeUsedUpProps = z.infer<typeof timeUsedUpPayload>;

/** Sent to a client when their hours, or one task's time limit, are used up. */
export default function TimeUsedUpEmail(props: TimeUsedUpProps) {
  if (props.scope === "task_limit") {
    return (
      <EmailLayout
        preview="The task is paused until you raise its limit"
        heading="A task reached its time limit"
        action={{ label: "Review the task", href: props.taskUrl }}
      >
        <Greeting name={props.recipientName} />
        <Paragraph>
          “{props.taskTitle}” used all the time you allowed for it, so its timer stopped and the task is paused.
        </Paragraph>
        <Paragraph>
          Your assistant will send a handoff saying what is done and how much more time the task needs. Raise the
          limit to let them continue.
        </Paragraph>
      </EmailLayout>
    );
  }

  return (
    <EmailLayout
      preview="Your tasks are paused until you add time"
      heading="Your hours are used up"
      action={{ label: "Add hours", href: props.billingUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        Your account has no task time left, so every running timer stopped and your tasks are paused. No work is
        billed beyond your balance.
      </Paragraph>
      {props.stoppedTaskTitles.length > 0 ? (
        <Paragraph>Timers stopped on: {props.stoppedTaskTitles.map((title) => `“${title}”`).join(", ")}.</Paragraph>
      ) : null}
      <Paragraph>
        Upgrade your plan or buy a top-up, and the same assistants continue where they stopped.
      </Paragraph>
    </EmailLayout>
  );
}

TimeUsedUpEmail.PreviewProps = {
  scope: "balance",
  recipientName: "Sam",
  stoppedTaskTitles: ["Clean up the March supplier invoices"],
  billingUrl: "http://localhost:3000/client/billing",
} satisfies TimeUsedUpProps;

export const timeUsedUpEmail = defineEmail({
  name: "time-used-up",
  payload: timeUsedUpPayload,
  component: TimeUsedUpEmail,
  subject: (props) =>
    props.scope === "balance" ? "Your hours are used up" : `Time limit reached: ${props.taskTitle}`,
});
