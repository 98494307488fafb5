/** Formats a stored JSON value for reading: indented, or a dash when there is none. */
function jsonText(value: unknown): string {
  return value === null || value === undefined ? "—" : JSON.stringify(value, null, 2);
}

/** Shows an audit event's before and after values side by side (stacked on narrow screens). */
export function JsonChange({ before, after }: { before: unknown; after: unknown }) {
  return (
    <div className="grid gap-2 sm:grid-cols-2">
      {(
        [
          ["Before", before],
          ["After", after],
        ] as const
      ).map(([label, value]) => (
        <div key={label} className="min-w-0">
          <p className="text-xs font-medium text-slate-600">{label}</p>
          <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs break-words whitespace-pre-wrap text-slate-800">{jsonText(value)}</pre>
        </div>
      ))}
    </div>
  );
}
