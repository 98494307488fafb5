"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTransition } from "react";

/**
 * Returns `refresh`, which reloads what a page shows after a change: it
 * invalidates every tRPC query, so client-side panels refetch, and
 * re-renders the page's server components in a transition. `refreshing`
 * stays true until the new server data is on screen, so a form can keep its
 * pending state until the page shows the result of its action.
 */
export function usePageRefresh(): { refresh: () => Promise<void>; refreshing: boolean } {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [refreshing, startTransition] = useTransition();

  const refresh = async () => {
    await queryClient.invalidateQueries();
    startTransition(() => router.refresh());
  };

  return { refresh, refreshing };
}
