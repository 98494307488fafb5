import type { TextareaHTMLAttributes } from "react";

interface ReasonFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  id: string;
  label?: string;
  error?: string | undefined;
}

/** Renders the reason field that every audited admin action requires, with its length rule and error message. */
export function ReasonField({ id, label = "Reason", error, ...textarea }: ReasonFieldProps) {
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(" ");

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={id}
        name="reason"
        rows={2}
        maxLength={1000}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600"
        {...textarea}
      />
      <p id={`${id}-hint`} className="text-xs text-slate-600">
        3 to 1,000 characters. It is kept in the audit log.
      </p>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
