import { formatInstant } from "../../_components/format";
import type { Overview } from "./types";

type LapseStanding = Overview["lapseStanding"];

function lapses(count: number): string {
  return count === 1 ? "1 lapse" : `${count} lapses`;
}

/** Returns the summary line: how many lapses count toward a pause of new offers, or when the pause in force ends. */
function standingSummary(standing: LapseStanding, timeZone: string): string {
  const count = standing.lapses.length;
  const window = `in the last ${standing.windowDays} days`;
  if (standing.blockedUntil) {
    const until = formatInstant(standing.blockedUntil, timeZone);

    return count > 0 ? `New offers are paused until ${until}, because of ${lapses(count)} ${window}.` : `New offers are paused until ${until}.`;
  }
  if (count >= standing.lapsesToBlock) {
    return `You have ${lapses(count)} ${window}. Your pause has ended, but another lapse pauses new offers again for ${standing.blockDays} days.`;
  }

  return `You have ${lapses(count)} ${window}. At ${lapses(standing.lapsesToBlock)}, new offers pause for ${standing.blockDays} days.`;
}

/**
 * Renders the tasks the assistant lost because the timer did not start in
 * time, within the lapse window, and what that means for new offers.
 * Renders nothing when there is no lapse and no pause.
 */
export function LapseNotice({ standing, timeZone }: { standing: LapseStanding; timeZone: string }) {
  if (standing.lapses.length === 0 && !standing.blockedUntil) {
    return null;
  }

  return (
    <section aria-label="Lapses" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <ul className="space-y-1">
        {standing.lapses.map((lapse) => (
          <li key={lapse.id}>
            You lost “{lapse.taskTitle}” because the timer did not start by {formatInstant(lapse.occurredAt, timeZone)}.
          </li>
        ))}
      </ul>
      <p className="font-medium">{standingSummary(standing, timeZone)}</p>
    </section>
  );
}
