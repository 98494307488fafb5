import type { Notice } from "./types";

/** Shows a notice: errors as an alert that screen readers announce at once, other notices as a polite status. */
export function NoticeBanner({ notice }: { notice: Notice | null }) {
  if (!notice) {
    return null;
  }
  if (notice.tone === "error") {
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800">
        {notice.text}
      </p>
    );
  }

  return (
    <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
      {notice.text}
    </p>
  );
}
