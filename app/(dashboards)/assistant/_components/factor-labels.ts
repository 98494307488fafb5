/** Ranking factors in the words an assistant reads, with what each one measures. */
export const FACTOR_LABELS: Record<string, { label: string; help: string }> = {
  skillFit: { label: "Skill fit", help: "How closely your skills match the ones the brief needs." },
  declineHistory: { label: "Interest in this kind of work", help: "Fewer declines of work with these skills score higher." },
  reliability: { label: "Reliability", help: "Accepted tasks whose timer you started in time." },
  load: { label: "Free capacity", help: "How much room your capacity has left." },
  fairness: { label: "Time since your last offer", help: "Longer since your last offer scores higher, so work is shared out." },
  timeZoneOverlap: { label: "Working hours before the due date", help: "Hours from 09:00 to 17:00 in your time zone before the task is due." },
  trialConversion: { label: "Trial clients you converted", help: "Trial clients who chose a paid plan after working with you." },
};

/** Returns the human label of a factor; an unknown factor keeps its stored name. */
export function factorLabel(name: string): { label: string; help: string | null } {
  const known = FACTOR_LABELS[name];

  return known ?? { label: name, help: null };
}
