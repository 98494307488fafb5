import { z } from "zod";

import { defineEmail } from "./components/define";
import { formatInstant } from "./components/format";
import { EmailLayout, Greeting, Paragraph } from "./components/layout";
import { httpUrl, instant, personName, timeZone, userText } from "./components/schema";

export const offerAvailablePayload = z.object({
  recipientName: personName,
  taskTitle: userText,
  skills: z.array(z.string().min(1)).min(1),
  clientPlan: z.enum(["trial", "paid"]),
  expiresAt: instant,
  timeZone,
  dashboardUrl: httpUrl,
  /** True for an offer an admin made by hand, which may go to an assistant without every required skill. */
  chosenByAdmin: z.boolean().default(false),
});

export type OfferAvailableProps = z.infer<typeof offerAvailablePayload>;

/** Sent to an assistant for each offer; the brief itself stays behind sign-in. */
export default function OfferAvailableEmail(props: OfferAvailableProps) {
  const trial = props.clientPlan === "trial";

  return (
    <EmailLayout
      preview={`${trial ? "Trial client" : "Paid client"}: ${props.taskTitle}`}
      heading="A new task is available for you"
      action={{ label: "Open your dashboard", href: props.dashboardUrl }}
    >
      <Greeting name={props.recipientName} />
      <Paragraph>
        {props.chosenByAdmin
          ? `An admin chose you for “${props.taskTitle}”, a task that needs these skills: ${props.skills.join(", ")}.`
          : `A client needs help with “${props.taskTitle}”, which matches your skills: ${props.skills.join(", ")}.`}
      </Paragraph>
      <Paragraph>
        {trial
          ? "This client is on a free trial. Good work here is a chance to win a new client of your own."
          : "This client is on a paid plan."}
      </Paragraph>
      <Paragraph>
        The offer is open until {formatInstant(props.expiresAt, props.timeZone)}. Sign in to read the brief, then
        accept or decline it. Accept only if you can start the work now.
      </Paragraph>
    </EmailLayout>
  );
}

OfferAvailableEmail.PreviewProps = {
  recipientName: "Priya",
  taskTitle: "Clean up the March supplier invoices",
  skills: ["Bookkeeping", "Spreadsheets"],
  clientPlan: "trial",
  expiresAt: "2026-03-10T14:45:00.000Z",
  timeZone: "Europe/London",
  dashboardUrl: "http://localhost:3000/assistant",
  chosenByAdmin: false,
} satisfies OfferAvailableProps;

export const offerAvailableEmail = defineEmail({
  name: "offer-available",
  payload: offerAvailablePayload,
  component: OfferAvailableEmail,
  subject: (props) => `A new task is available for you: ${props.taskTitle}`,
});
