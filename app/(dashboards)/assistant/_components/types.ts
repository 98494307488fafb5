import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "~/server/api/root";

type RouterOutputs = inferRouterOutputs<AppRouter>;

export type Overview = RouterOutputs["assistant"]["overview"];
export type OverviewOffer = Overview["offers"][number];
export type WorkTask = RouterOutputs["work"]["task"];
export type WorkEntry = WorkTask["timeEntries"][number];

/** A message shown above a list or form after an action: "status" for success, "error" for a failure. */
export interface Notice {
  tone: "status" | "error";
  text: string;
}
