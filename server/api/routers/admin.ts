import { mergeRouters } from "../trpc";
import { adminAssistantActions, adminAssistantQueries } from "./admin-assistants";
import { adminAuditQueries } from "./admin-audit";
import { adminOverviewQueries } from "./admin-overview";
import { adminSettingsActions, adminSettingsQueries } from "./admin-settings";
import { adminTaskActions, adminTaskQueries } from "./admin-tasks";

/**
 * The admin's reads, as `admin.<procedure>`. Each topic (overview, tasks,
 * assistants, settings, audit) has its own router file, merged here so the
 * paths stay flat.
 */
export const adminRouter = mergeRouters(adminOverviewQueries, adminTaskQueries, adminAssistantQueries, adminSettingsQueries, adminAuditQueries);

/** The admin's audited actions, as `adminOps.<procedure>`, from the same topic files. */
export const adminOpsRouter = mergeRouters(adminTaskActions, adminAssistantActions, adminSettingsActions);
