/** Formats an ISO instant for a reader in `timeZone`, for example "Tue 8 Dec 2026, 14:30 GMT+1". */
export function formatInstant(iso: string, timeZone: string): string {
  const format = new Intl.DateTimeFormat("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  });

  return format.format(new Date(iso));
}

/** Formats a duration in whole minutes as hours and minutes, for example "1 h 05 min" or "45 min". */
export function formatMinutes(totalMinutes: number): string {
  const minutes = Math.max(0, Math.round(totalMinutes));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) {
    return `${rest} min`;
  }

  return `${hours} h ${String(rest).padStart(2, "0")} min`;
}

/** Returns `count` with the singular or plural noun: "1 lapse", "2 lapses". */
export function pluralize(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
}

/**
 * Shortens `text` to at most `maxCharacters` code points, ending with an
 * ellipsis when cut, so an emoji or other astral character is never split.
 */
export function truncateText(text: string, maxCharacters: number): string {
  const characters = Array.from(text.trim());
  if (characters.length <= maxCharacters) {
    return characters.join("");
  }

  return `${characters.slice(0, maxCharacters - 1).join("")}…`;
}
