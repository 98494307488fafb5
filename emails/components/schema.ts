import { z } from "zod";

// Field schemas shared by the email payloads. Payloads are stored as JSON, so instants are ISO 8601 strings.

export const personName = z.string().trim().min(1);

export const userText = z.string();

export const instant = z.iso.datetime({ offset: true });

export const httpUrl = z.url({ protocol: /^https?$/ });

export const timeZone = z.string().refine(isTimeZone, { message: "Invalid IANA time zone" });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-GB", { timeZone: value });

    return true;
  } catch {
    return false;
  }
}
