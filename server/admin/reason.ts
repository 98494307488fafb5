import { AppError } from "../errors";

/** Trims an admin's reason and rejects one shorter than 3 or longer than 1,000 characters. */
export function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 3 || trimmed.length > 1000) {
    throw AppError.invalid("reason", "Give a reason of 3 to 1,000 characters.");
  }

  return trimmed;
}
