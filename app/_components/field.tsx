import type { InputHTMLAttributes, ReactNode, Ref, TextareaHTMLAttributes } from "react";

const CONTROL_CLASS = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600";

interface FieldFrameProps {
  label: string;
  inputId: string;
  error?: string | undefined;
  hint?: string | undefined;
  children: ReactNode;
}

/** Returns the ids of the hint and the error that describe a control, or undefined when it has neither. */
function describedByOf(inputId: string, hint: string | undefined, error: string | undefined): string | undefined {
  return [hint ? `${inputId}-hint` : null, error ? `${inputId}-error` : null].filter(Boolean).join(" ") || undefined;
}

/** Renders a control's label above it and its hint and error below it. */
function FieldFrame({ label, inputId, error, hint, children }: FieldFrameProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${inputId}-hint`} className="text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${inputId}-error`} className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string;
  ref?: Ref<HTMLInputElement>;
}

/** A labelled input with its hint and error message wired up for screen readers. */
export function Field({ label, name, error, hint, id, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;

  return (
    <FieldFrame label={label} inputId={inputId} error={error} hint={hint}>
      <input
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(inputId, hint, error)}
        className={CONTROL_CLASS}
        {...input}
      />
    </FieldFrame>
  );
}

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: string;
}

/** A labelled textarea with its hint and error message wired up for screen readers. */
export function TextAreaField({ label, name, error, hint, id, ...textarea }: TextAreaFieldProps) {
  const inputId = id ?? `field-${name}`;

  return (
    <FieldFrame label={label} inputId={inputId} error={error} hint={hint}>
      <textarea
        id={inputId}
        name={name}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedByOf(inputId, hint, error)}
        className={CONTROL_CLASS}
        {...textarea}
      />
    </FieldFrame>
  );
}
