import { z } from "zod";

// Input fields that several admin actions share.

export const recordId = z.string().min(1);

/** The domain functions trim the reason and check its length (3 to 1,000 characters) themselves. */
export const adminReason = z.string();

/** An assistant the admin picks from a list. An empty choice gets the field's message. */
export const chosenAssistantId = z.string({ error: "Choose an assistant." }).min(1, "Choose an assistant.");
