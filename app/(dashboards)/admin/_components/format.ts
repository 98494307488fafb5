/**
 * Formats seconds as a short human duration: "45 s", "12 min", "3 h 20 min"
 * or "2 d 4 h". Minutes and hours are rounded to the nearest unit shown.
 */
export function humaniseDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) {
    return `${total} s`;
  }
  const minutes = Math.round(total / 60);
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  const restMinutes = minutes % 60;
  if (hours < 24) {
    return restMinutes === 0 ? `${hours} h` : `${hours} h ${restMinutes} min`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;

  return restHours === 0 ? `${days} d` : `${days} d ${restHours} h`;
}

/** Formats a ratio between 0 and 1 as a percentage with one decimal, such as "33.3%". */
export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** Formats hours with up to two decimals, such as "12.5 h". */
export function formatHours(hours: number): string {
  return `${hours.toLocaleString("en-GB", { maximumFractionDigits: 2 })} h`;
}

/** The placeholder shown where a figure has no value, such as a rate over zero cases. */
export const NO_VALUE = "—";
