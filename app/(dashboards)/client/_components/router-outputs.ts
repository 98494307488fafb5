import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "~/server/api/root";

type ClientRouterOutputs = inferRouterOutputs<AppRouter>["client"];

/** The account and task list as `client.overview` returns them. */
export type ClientOverview = ClientRouterOutputs["overview"];

/** One task as `client.task` returns it. */
export type ClientTask = ClientRouterOutputs["task"];

/** The client's assistants as `clientTeam.overview` returns them. */
export type ClientAssistants = inferRouterOutputs<AppRouter>["clientTeam"]["overview"];
