import { formatInstant } from "../../_components/format";

/** An assistant's standing for new work, as `admin.*` queries return it. */
export type Availability =
  | { kind: "deactivated" }
  | { kind: "blocked"; until: Date }
  | { kind: "away"; until: Date | null }
  | { kind: "at_capacity" }
  | { kind: "available" };

/** Describes an assistant's availability in a few words, with dates in the admin's time zone. */
export function availabilityText(availability: Availability, timeZone: string): string {
  switch (availability.kind) {
    case "deactivated":
      return "Deactivated";
    case "blocked":
      return `Blocked until ${formatInstant(availability.until, timeZone)}`;
    case "away":
      return availability.until ? `Away until ${formatInstant(availability.until, timeZone)}` : "Away";
    case "at_capacity":
      return "At capacity";
    case "available":
      return "Available";
  }
}

export const AVAILABILITY_STYLES: Record<Availability["kind"], string> = {
  available: "bg-emerald-100 text-emerald-800",
  at_capacity: "bg-amber-100 text-amber-900",
  away: "bg-sky-100 text-sky-900",
  blocked: "bg-red-100 text-red-800",
  deactivated: "bg-slate-200 text-slate-700",
};
