import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatMinutes, pluralize } from "./components/format";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

/** How far a task of the trial got, as the client would say it. */
export const trialTaskStates = ["done", "in_review", "in_progress", "paused"] as const;

export const trialEndingPayload = z.object({
  recipientName: personName,
  /** The point of the trial reached: the first time warning, or no trial time left. */
  stage: z.enum(["most_used", "used_up"]),
  minutesUsed: z.number().int().min(0),
  minutesLeft: z.number().int().min(0),
  /** Tasks that got trial time, oldest first, at most ten of them. */
  tasks: z.array(z.object({ title: userText, minutes: z.number().int().min(0), state: z.enum(trialTaskStates) })),
  /** Tasks with trial time beyond those listed. */
  moreTasks: z.number().int().min(0),
  /** The plans page, where one click on a plan upgrades the client. */
  upgradeUrl: httpUrl,
});

export type TrialEndingProps = z.infer<typeof trialEndingPayload>;

const STATE_LABELS: Record<(typeof trialTaskStates)[number], string> = {
  done: "done",
  in_review: "ready for your review",
  in_progress: "in progress",
  paused: "paused until you add time",
};

function subject(props: TrialEndingProps): string {
  return props.stage === "used_up" ? "Your free trial time is used up" : `Only ${formatMinutes(props.minutesLeft)} of your free trial left`;
}

/** Sent to a trial client when the first time warning fires and when the trial time runs out, with the work done so far. */
export default function TrialEndingEmail(props: TrialEndingProps) {
  const used = formatMinutes(props.minutesUsed);
  const taskCount = props.tasks.length + props.moreTasks;

  return (
    <EmailLayout
      preview={props.stage === "used_up" ? `Your assistants worked ${used} for you. Pick a plan to keep going.` : `Your assistants have worked ${used} for you so far.`}
      heading={subject(props)}
      action={{ label: "Choose a plan", href: props.upgradeUrl }}
      footer="You receive this email because your Baton trial is ending."
    >
      <Greeting name={props.recipientName} />
      {taskCount === 0 ? (
        <Paragraph>Your assistants have logged {used} for you so far.</Paragraph>
      ) : (
        <Paragraph>
          So far your assistants have worked {used} on {pluralize(taskCount, "task")}:
        </Paragraph>
      )}
      {props.tasks.map((task, index) => (
        <Paragraph key={index}>
          • “{task.title}”: {formatMinutes(task.minutes)}, {STATE_LABELS[task.state]}
        </Paragraph>
      ))}
      {props.moreTasks > 0 ? <Paragraph>…and {pluralize(props.moreTasks, "more task")}.</Paragraph> : null}
      {props.stage === "used_up" ? (
        <Paragraph>
          Your trial time is used up, so the timers stopped and unfinished tasks are paused. Choose a plan and the same
          assistants continue where they stopped.
        </Paragraph>
      ) : (
        <Paragraph>
          {formatMinutes(props.minutesLeft)} of trial time is left. Choose a plan now and your assistants keep going
          without a pause when it runs out.
        </Paragraph>
      )}
    </EmailLayout>
  );
}

TrialEndingEmail.PreviewProps = {
  recipientName: "Sam",
  stage: "most_used",
  minutesUsed: 48,
  minutesLeft: 12,
  tasks: [
    { title: "Find three wholesale flour suppliers near Bristol", minutes: 25, state: "done" },
    { title: "Tidy up our Instagram bio and plan a week of posts", minutes: 23, state: "in_progress" },
  ],
  moreTasks: 0,
  upgradeUrl: "http://localhost:3000/client/plans",
} satisfies TrialEndingProps;

export const trialEndingEmail = defineEmail({
  name: "trial-ending",
  payload: trialEndingPayload,
  component: TrialEndingEmail,
  subject,
});
