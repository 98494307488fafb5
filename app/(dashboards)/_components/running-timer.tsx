"use client";

import { useEffect, useState } from "react";

import { formatDuration } from "./format";

const TICK_MS = 1000;

/**
 * Shows the time since `startedAt` (an ISO instant) and updates it every
 * second. The start instant is read from the database, so the count
 * continues correctly after a reload.
 */
export function RunningTimer({ startedAt }: { startedAt: string }) {
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const interval = setInterval(() => setNow(Date.now()), TICK_MS);

    return () => clearInterval(interval);
  }, []);

  const elapsedSeconds = Math.max(0, Math.floor((now - Date.parse(startedAt)) / 1000));
  const seconds = String(elapsedSeconds % 60).padStart(2, "0");

  // role="timer" is not announced on every change, so screen readers are not interrupted each second.
  return (
    <span role="timer" className="font-mono tabular-nums" suppressHydrationWarning>
      {formatDuration(elapsedSeconds)} {seconds} s
    </span>
  );
}
