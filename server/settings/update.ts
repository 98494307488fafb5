import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { AppError, type FieldErrors } from "../errors";
import { getSettings, settingsSchema, type Settings } from "./index";

/**
 * Stores an admin's changes to the settings after validating the merged
 * result as a whole. Each changed key is audited with its old and new
 * value. New work uses the new values at once; work already scheduled
 * keeps the deadlines it stored.
 */
export async function updateSettings(db: Db, input: { adminId: string; changes: Partial<Settings>; now: Date }): Promise<Settings> {
  const current = await getSettings(db);
  const parsed = settingsSchema.safeParse({ ...current, ...input.changes });
  if (!parsed.success) {
    const fieldErrors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      fieldErrors[issue.path.map(String).join(".")] ??= issue.message;
    }
    throw new AppError("INVALID_INPUT", Object.values(fieldErrors)[0] ?? "Check the settings.", { fieldErrors });
  }
  const next = parsed.data;
  if (next.maxRunningTimerSeconds > next.maxEntrySeconds) {
    throw AppError.invalid("maxRunningTimerSeconds", "The longest running timer must not exceed the longest entry.");
  }

  await db.$transaction(async (tx) => {
    for (const key of Object.keys(input.changes) as Array<keyof Settings>) {
      const before = current[key];
      const after = next[key];
      if (JSON.stringify(before) === JSON.stringify(after)) {
        continue;
      }
      const value = after as Prisma.InputJsonValue;
      await tx.setting.upsert({ where: { key }, create: { key, value, updatedAt: input.now, updatedById: input.adminId }, update: { value, updatedAt: input.now, updatedById: input.adminId } });
      await tx.auditEvent.create({
        data: { actorId: input.adminId, action: "setting.changed", entityType: "setting", entityId: key, before: { value: before }, after: { value }, createdAt: input.now },
      });
    }
  });

  return next;
}
