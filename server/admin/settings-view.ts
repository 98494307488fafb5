import type { Db } from "../db/client";
import { defaultSettings, getSettings } from "../settings";

/** Loads the settings in force, their defaults, and who last changed each stored one. */
export async function loadSettingsView(db: Db) {
  const [settings, stored] = await Promise.all([
    getSettings(db),
    db.setting.findMany({ select: { key: true, updatedAt: true, updatedBy: { select: { name: true } } } }),
  ]);

  return {
    settings,
    defaults: defaultSettings,
    changes: stored.map((row) => ({ key: row.key, updatedAt: row.updatedAt, updatedByName: row.updatedBy?.name ?? null })),
  };
}
