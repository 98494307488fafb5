import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatInstant } from "./components/format";
import { EmailLayout, Greeting, Paragraph, Quote } from "./components/layout";
import { httpUrl, instant, personName, timeZone, userText } from "./components/schema";

export const blockedPayload = z.object({
  recipientName: personName,
  blockedUntil: instant,
  timeZone,
  reason: userText.min(1),
  dashboardUrl: httpUrl,
});

export type BlockedProps = z.infer<typeof blockedPayload>;

/** Sent to an assistant when a block stops new offers reaching them. */
export default function BlockedEmail(props: BlockedProps) {
  const until = formatInstant(props.blockedUntil, props.timeZone);

  return (
    <EmailLayout
      preview={`No new offers until ${until}`}
      heading="New offers are paused for your account"
      action={{ label: "Open your dashboard", href: props.dashboardUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>You will not receive new task offers until {until}. The reason recorded for this block:</Paragraph>
      <Quote text={props.reason} />
      <Paragraph>An admin can lift the block earlier. Offers resume by themselves when it ends.</Paragraph>
    </EmailLayout>
  );
}

BlockedEmail.PreviewProps = {
  recipientName: "Priya",
  blockedUntil: "2026-03-17T15:00:00.000Z",
  timeZone: "Europe/London",
  reason: "2 lapses within 30 days: the timer did not start in time after accepting.",
  dashboardUrl: "http://localhost:3000/assistant",
} satisfies BlockedProps;

export const blockedEmail = defineEmail({
  name: "blocked",
  payload: blockedPayload,
  component: BlockedEmail,
  subject: (props) => `No new offers until ${formatInstant(props.blockedUntil, props.timeZone)}`,
});
