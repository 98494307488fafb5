import { z } from "zod";

import { defineEmail } from "./components/define";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, personName, userText } from "./components/schema";

export const offerWithdrawnPayload = z.object({
  recipientName: personName,
  taskTitle: userText,
  reason: z.enum(["taken_by_another", "task_cancelled", "assistant_blocked"]),
  dashboardUrl: httpUrl,
});

export type OfferWithdrawnProps = z.infer<typeof offerWithdrawnPayload>;

const EXPLANATION: Record<OfferWithdrawnProps["reason"], string> = {
  taken_by_another: "Another assistant accepted it first.",
  task_cancelled: "The client cancelled the task.",
  assistant_blocked: "Your account is blocked from new offers for now, so your open offers were withdrawn.",
};

/** Sent to an assistant whose open offer ended without them accepting it. */
export default function OfferWithdrawnEmail(props: OfferWithdrawnProps) {
  return (
    <EmailLayout
      preview={EXPLANATION[props.reason]}
      heading="An offer was withdrawn"
      action={{ label: "Open your dashboard", href: props.dashboardUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>The offer for “{props.taskTitle}” is no longer open. {EXPLANATION[props.reason]}</Paragraph>
      {props.reason === "assistant_blocked" ? null : (
        <Paragraph>This does not count against you, and new offers reach you as usual.</Paragraph>
      )}
    </EmailLayout>
  );
}

OfferWithdrawnEmail.PreviewProps = {
  recipientName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  reason: "taken_by_another",
  dashboardUrl: "http://localhost:3000/assistant",
} satisfies OfferWithdrawnProps;

export const offerWithdrawnEmail = defineEmail({
  name: "offer-withdrawn",
  payload: offerWithdrawnPayload,
  component: OfferWithdrawnEmail,
  subject: (props) => `Offer withdrawn: ${props.taskTitle}`,
});
