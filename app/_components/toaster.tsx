"use client";

import { useSyncExternalStore } from "react";

import type { ToastMessage } from "./error-toast";

interface Toast extends ToastMessage {
  id: number;
}

const VISIBLE_MS = 8000;
const MAX_TOASTS = 3;

let toasts: Toast[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish(next: Toast[]) {
  toasts = next;
  for (const listener of listeners) {
    listener();
  }
}

function dismissToast(id: number) {
  publish(toasts.filter((toast) => toast.id !== id));
}

/** Shows a toast in the corner of every page for eight seconds. */
export function showToast(message: ToastMessage): void {
  const id = nextId++;
  publish([...toasts, { ...message, id }].slice(-MAX_TOASTS));
  setTimeout(() => dismissToast(id), VISIBLE_MS);
}

function subscribe(listener: () => void) {
  listeners.add(listener);

  return () => listeners.delete(listener);
}

const noToasts: Toast[] = [];

/** Renders the live region where toasts appear, so screen readers announce each new one. */
export function Toaster() {
  const current = useSyncExternalStore(subscribe, () => toasts, () => noToasts);

  return (
    <div role="status" aria-live="polite" aria-label="Messages" className="pointer-events-none fixed inset-x-4 bottom-4 z-50 flex flex-col items-end gap-2 sm:left-auto sm:w-96">
      {current.map((toast) => (
        <div key={toast.id} className="pointer-events-auto w-full rounded-lg border border-red-200 bg-white p-4 shadow-lg">
          <div className="flex items-start justify-between gap-3">
            <div>
              <p className="text-sm font-semibold text-red-800">{toast.title}</p>
              <p className="mt-1 text-sm text-slate-700">{toast.body}</p>
            </div>
            <button
              type="button"
              onClick={() => dismissToast(toast.id)}
              className="rounded px-1 text-sm text-slate-500 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
            >
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
