"use client";

import { useEffect, useState } from "react";

const TICK_MS = 1000;

/**
 * Returns the server's current time in milliseconds, updated every second.
 * The browser's clock may be wrong, so the result is the browser's time plus
 * the offset between `serverNow` and the browser's time when that response
 * arrived (`receivedAt`, such as a query's `dataUpdatedAt`). The offset also
 * absorbs the response's travel time, which is usually well under a second.
 */
export function useServerNow(serverNow: Date, receivedAt: number): number {
  const [browserNow, setBrowserNow] = useState(() => Date.now());

  useEffect(() => {
    const interval = setInterval(() => setBrowserNow(Date.now()), TICK_MS);

    return () => clearInterval(interval);
  }, []);

  return browserNow + (serverNow.getTime() - receivedAt);
}
