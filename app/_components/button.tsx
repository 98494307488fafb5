"use client";

import type { ButtonHTMLAttributes } from "react";

import { useHydrated } from "./use-hydrated";

const VARIANTS = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700 disabled:bg-indigo-300",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-100 disabled:text-slate-400",
  danger: "bg-red-600 text-white hover:bg-red-700 disabled:bg-red-300",
} as const;

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: keyof typeof VARIANTS;
}

/**
 * A styled button. A submit button stays disabled until the page is
 * hydrated, because Baton's forms submit from JavaScript and a click before
 * that would send a plain GET with the typed values in the URL.
 */
export function Button({ variant = "primary", className = "", type = "button", disabled, ...props }: ButtonProps) {
  const hydrated = useHydrated();

  return (
    <button
      type={type}
      disabled={disabled || (type === "submit" && !hydrated)}
      className={`inline-flex items-center justify-center rounded-md px-4 py-2 text-sm font-medium ${VARIANTS[variant]} ${className}`}
      {...props}
    />
  );
}
