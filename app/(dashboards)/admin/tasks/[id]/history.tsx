import type { ReactNode } from "react";

import { formatDuration, formatInstant } from "../../../_components/format";
import { NO_VALUE } from "../../_components/format";
import { ASSIGNMENT_END_LABELS, DECLINE_REASON_LABELS, factorLabel, OFFER_END_LABELS, OFFER_STATUS_LABELS, STOP_CAUSE_LABELS } from "../../_components/labels";
import type { AdminTaskData } from "../../_components/router-outputs";

type Offer = AdminTaskData["offers"][number];

export function HistorySection({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
        {count === undefined ? null : <span className="ml-2 text-sm font-normal text-slate-600">({count})</span>}
      </h2>
      {children}
    </section>
  );
}

/** Renders a plain table that scrolls sideways on narrow screens and can be scrolled by keyboard. */
export function HistoryTable({ label, headers, children }: { label: string; headers: string[]; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{label}</caption>
        <thead className="border-b border-slate-300 bg-slate-50 text-slate-700">
          <tr>
            {headers.map((header) => (
              <th key={header} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">{children}</tbody>
      </table>
    </div>
  );
}

const cell = "px-3 py-2";

interface Breakdown {
  total: number | null;
  audience: string | null;
  reason: string | null;
  factors: Array<{ name: string; value: number; weight: number }>;
}

/** Reads the stored score breakdown, whose shape is `{ factors: { name: { value, weight } }, total, audience }`. */
function readBreakdown(raw: unknown): Breakdown {
  const source = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const factors = source.factors !== null && typeof source.factors === "object" ? (source.factors as Record<string, unknown>) : {};

  return {
    total: typeof source.total === "number" ? source.total : null,
    audience: typeof source.audience === "string" ? source.audience : null,
    reason: typeof source.reason === "string" ? source.reason : null,
    factors: Object.entries(factors).flatMap(([name, entry]) => {
      const factor = entry as { value?: unknown; weight?: unknown } | null;

      return typeof factor?.value === "number" && typeof factor.weight === "number" ? [{ name, value: factor.value, weight: factor.weight }] : [];
    }),
  };
}

function ScoreBreakdown({ offer }: { offer: Offer }) {
  const breakdown = readBreakdown(offer.scoreBreakdown);
  if (breakdown.audience === "admin") {
    return <span>Offered by hand{breakdown.reason ? `: ${breakdown.reason}` : ""}</span>;
  }
  if (breakdown.factors.length === 0) {
    return <span>{offer.score.toFixed(2)}</span>;
  }

  return (
    <details>
      <summary className="cursor-pointer">
        {offer.score.toFixed(2)}
        {breakdown.audience ? ` · ${breakdown.audience}` : ""}
      </summary>
      <ul className="mt-1 space-y-0.5 text-xs text-slate-700">
        {breakdown.factors.map((factor) => (
          <li key={factor.name}>
            {factorLabel(factor.name)}: {factor.value.toFixed(2)} × weight {factor.weight}
          </li>
        ))}
      </ul>
    </details>
  );
}

function when(instant: Date | null, timeZone: string): string {
  return instant ? formatInstant(instant, timeZone) : NO_VALUE;
}

export function OffersTable({ offers, timeZone }: { offers: AdminTaskData["offers"]; timeZone: string }) {
  return (
    <HistoryTable label="Offers" headers={["Wave", "Assistant", "Status", "Why it ended", "Decline reason", "Score", "Offered", "Answered"]}>
      {offers.map((offer) => (
        <tr key={offer.id}>
          <td className={cell}>{offer.wave}</td>
          <th scope="row" className={`${cell} font-normal whitespace-nowrap`}>
            {offer.assistant.user.name}
          </th>
          <td className={cell}>{OFFER_STATUS_LABELS[offer.status]}</td>
          <td className={cell}>{offer.endReason ? OFFER_END_LABELS[offer.endReason] : NO_VALUE}</td>
          <td className={cell}>
            {offer.declineReason ? DECLINE_REASON_LABELS[offer.declineReason] : NO_VALUE}
            {offer.declineNote ? <span className="block text-xs text-slate-600">“{offer.declineNote}”</span> : null}
          </td>
          <td className={`${cell} min-w-40`}>
            <ScoreBreakdown offer={offer} />
          </td>
          <td className={`${cell} whitespace-nowrap`}>{when(offer.createdAt, timeZone)}</td>
          <td className={`${cell} whitespace-nowrap`}>{when(offer.respondedAt, timeZone)}</td>
        </tr>
      ))}
    </HistoryTable>
  );
}

export function AssignmentsTable({ assignments, timeZone }: { assignments: AdminTaskData["assignments"]; timeZone: string }) {
  return (
    <HistoryTable label="Assignments" headers={["Assistant", "Accepted", "Start by", "Timer first started", "Ended", "Why it ended"]}>
      {assignments.map((assignment) => (
        <tr key={assignment.id}>
          <th scope="row" className={`${cell} font-normal whitespace-nowrap`}>
            {assignment.assistant.user.name}
            {assignment.offerId ? null : <span className="block text-xs text-slate-600">assigned by an admin</span>}
          </th>
          <td className={`${cell} whitespace-nowrap`}>{when(assignment.acceptedAt, timeZone)}</td>
          <td className={`${cell} whitespace-nowrap`}>{when(assignment.startBy, timeZone)}</td>
          <td className={`${cell} whitespace-nowrap`}>{when(assignment.firstStartedAt, timeZone)}</td>
          <td className={`${cell} whitespace-nowrap`}>{assignment.endedAt ? when(assignment.endedAt, timeZone) : "Open"}</td>
          <td className={cell}>{assignment.endReason ? ASSIGNMENT_END_LABELS[assignment.endReason] : NO_VALUE}</td>
        </tr>
      ))}
    </HistoryTable>
  );
}

export function TimeEntriesTable({ entries, timeZone }: { entries: AdminTaskData["timeEntries"]; timeZone: string }) {
  return (
    <HistoryTable label="Time entries" headers={["Assistant", "Started", "Ended", "Time", "How it stopped", "Corrections"]}>
      {entries.map((entry) => (
        <tr key={entry.id}>
          <th scope="row" className={`${cell} font-normal whitespace-nowrap`}>
            {entry.assistant.user.name}
            <span className="block text-xs text-slate-600">
              {entry.source === "manual" ? "added by hand" : "timer"}
              {entry.coveredByPlatform ? " · trial, covered by the platform" : ""}
            </span>
          </th>
          <td className={`${cell} whitespace-nowrap`}>{when(entry.startedAt, timeZone)}</td>
          <td className={`${cell} whitespace-nowrap`}>{entry.endedAt ? when(entry.endedAt, timeZone) : "Running"}</td>
          <td className={`${cell} whitespace-nowrap tabular-nums`}>{entry.seconds === null ? NO_VALUE : formatDuration(entry.seconds)}</td>
          <td className={cell}>
            {entry.stopCause ? STOP_CAUSE_LABELS[entry.stopCause] : NO_VALUE}
            {entry.flagged ? <span className="block text-xs font-medium text-amber-900">flagged for the assistant to check</span> : null}
          </td>
          <td className={`${cell} min-w-56`}>
            {entry.corrections.length === 0 ? (
              NO_VALUE
            ) : (
              <ul className="space-y-1 text-xs">
                {entry.corrections.map((correction) => (
                  <li key={correction.id}>
                    {correction.actor.name}, {when(correction.createdAt, timeZone)}: {correction.oldStartedAt ? `${when(correction.oldStartedAt, timeZone)} – ${when(correction.oldEndedAt, timeZone)}` : "new entry"} →{" "}
                    {when(correction.newStartedAt, timeZone)} – {when(correction.newEndedAt, timeZone)}. “{correction.reason}”
                  </li>
                ))}
              </ul>
            )}
          </td>
        </tr>
      ))}
    </HistoryTable>
  );
}

export function EmailsTable({ emails, timeZone, mailboxLinks }: { emails: AdminTaskData["emails"]; timeZone: string; mailboxLinks: boolean }) {
  return (
    <HistoryTable label="Emails" headers={["Subject", "To", "Status", "Queued", "Sent"]}>
      {emails.map((email) => (
        <tr key={email.id}>
          <th scope="row" className={`${cell} font-normal`}>
            {mailboxLinks ? (
              <a href={`/dev/mailbox/${email.id}`} className="text-indigo-700 hover:underline">
                {email.subject}
              </a>
            ) : (
              email.subject
            )}
            <span className="block text-xs text-slate-600">{email.template}</span>
          </th>
          <td className={`${cell} whitespace-nowrap`}>{email.toEmail}</td>
          <td className={cell}>{email.status}</td>
          <td className={`${cell} whitespace-nowrap`}>{when(email.createdAt, timeZone)}</td>
          <td className={`${cell} whitespace-nowrap`}>{when(email.sentAt, timeZone)}</td>
        </tr>
      ))}
    </HistoryTable>
  );
}
