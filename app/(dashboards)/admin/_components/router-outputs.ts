import type { inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "~/server/api/root";

type Outputs = inferRouterOutputs<AppRouter>;

/** Every figure of the metrics page, as `metrics.dashboard` returns it. */
export type MetricsDashboardData = Outputs["metrics"]["dashboard"];

/** The unrouted queue and the assistants to offer to, as `admin.unroutedQueue` returns them. */
export type UnroutedQueueData = Outputs["admin"]["unroutedQueue"];

/** One task's history, as `admin.task` returns it. */
export type AdminTaskData = Outputs["admin"]["task"];

/** The assistant list, as `admin.assistants` returns it. */
export type AssistantsData = Outputs["admin"]["assistants"];

/** The settings in force and their defaults, as `admin.settings` returns them. */
export type SettingsData = Outputs["admin"]["settings"];
