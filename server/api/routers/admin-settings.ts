import { z } from "zod";

import { loadSettingsView } from "../../admin/settings-view";
import { logger } from "../../logger";
import { settingsSchema, type Settings } from "../../settings";
import { updateSettings } from "../../settings/update";
import { adminProcedure, createRouter } from "../trpc";

const settingKeys = Object.keys(settingsSchema.shape) as [keyof Settings, ...Array<keyof Settings>];

/**
 * The changed settings, keyed by setting name. Only the names are checked
 * here, because a partial `settingsSchema` would fill every omitted key
 * with its default. `updateSettings` validates the values after merging
 * them with the settings in force, and its field errors name the setting.
 */
const settingsChanges = z.partialRecord(z.enum(settingKeys, { error: "Unknown setting." }), z.unknown());

/** The platform settings as admins see them. */
export const adminSettingsQueries = createRouter({
  /** The settings in force, their defaults, and who last changed each stored one. */
  settings: adminProcedure.query(async ({ ctx }) => loadSettingsView(ctx.db)),
});

/** Admin changes to the platform settings, each one audited by updateSettings. */
export const adminSettingsActions = createRouter({
  /**
   * Changes some settings and returns all the settings in force. An invalid
   * value is a BAD_REQUEST whose field errors are keyed by the setting's
   * path, such as "offerWaveSize" or "planSeconds.starter".
   */
  updateSettings: adminProcedure.input(settingsChanges).mutation(async ({ ctx, input }) => {
    // updateSettings parses the merged result with settingsSchema, so the cast only names the type it checks.
    const settings = await updateSettings(ctx.db, { adminId: ctx.user.id, changes: input as Partial<Settings>, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, keys: Object.keys(input) }, "settings changed");

    return settings;
  }),
});
