import { z } from "zod";

import { deactivateAssistant, liftBlock, setAssistantSkills } from "../../admin/assistant-operations";
import { cancelTask, offerTaskByHand, reassignTask } from "../../admin/task-operations";
import { acceptedEvents, emailEvents, sendEvents, waveEvents } from "../../jobs/dispatch";
import { logger } from "../../logger";
import { settingsSchema, type Settings } from "../../settings";
import { updateSettings } from "../../settings/update";
import { adminProcedure, createRouter } from "../trpc";

const id = z.string().min(1);
// The domain functions trim the reason and check its length (3 to 1,000 characters) themselves.
const reason = z.string();

const settingKeys = Object.keys(settingsSchema.shape) as [keyof Settings, ...Array<keyof Settings>];

/**
 * The changed settings, keyed by setting name. Only the names are checked
 * here, because a partial `settingsSchema` would fill every omitted key
 * with its default. `updateSettings` validates the values after merging
 * them with the settings in force, and its field errors name the setting.
 */
const settingsChanges = z.partialRecord(z.enum(settingKeys, { error: "Unknown setting." }), z.unknown());

/** Admin actions on tasks, assistants and settings. Each one is audited by the domain function it calls. */
export const adminOpsRouter = createRouter({
  /**
   * Gives a task to another assistant. `expectedAssignmentId` is the open
   * assignment the admin saw (null when none), and a CONFLICT means it changed.
   */
  reassign: adminProcedure
    .input(z.object({ taskId: id, toAssistantId: z.string({ error: "Choose an assistant." }).min(1, "Choose an assistant."), expectedAssignmentId: id.nullable(), reason }))
    .mutation(async ({ ctx, input }) => {
      const result = await reassignTask(ctx.db, { ...input, adminId: ctx.user.id, now: ctx.clock.now() });
      logger.info({ requestId: ctx.requestId, userId: ctx.user.id, taskId: input.taskId, assignmentId: result.assignmentId }, "task reassigned by an admin");
      // The new assignment's start window runs from now, and sendEvents also announces the emails of withdrawn offers.
      const assignment = await ctx.db.assignment.findUniqueOrThrow({ where: { id: result.assignmentId }, select: { startBy: true, startReminderAt: true } });
      await sendEvents(acceptedEvents({ assignmentId: result.assignmentId, ...assignment }));

      return result;
    }),

  /** Cancels a task. Logged time stays billed. */
  cancel: adminProcedure.input(z.object({ taskId: id, reason })).mutation(async ({ ctx, input }) => {
    await cancelTask(ctx.db, { ...input, adminId: ctx.user.id, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, taskId: input.taskId }, "task cancelled by an admin");
    await sendEvents(emailEvents());

    return { taskId: input.taskId };
  }),

  /** Offers a task that is still looking for an assistant to one chosen assistant. */
  offerByHand: adminProcedure
    .input(z.object({ taskId: id, assistantId: z.string({ error: "Choose an assistant." }).min(1, "Choose an assistant."), reason }))
    .mutation(async ({ ctx, input }) => {
      const result = await offerTaskByHand(ctx.db, { ...input, adminId: ctx.user.id, now: ctx.clock.now() });
      logger.info({ requestId: ctx.requestId, userId: ctx.user.id, taskId: input.taskId, offerId: result.offerId }, "task offered by hand");
      // Announced as a wave of one, so the offer expires on time.
      const offer = await ctx.db.offer.findUniqueOrThrow({ where: { id: result.offerId }, select: { wave: true, expiresAt: true } });
      await sendEvents(waveEvents(input.taskId, { kind: "offered", wave: offer.wave, audience: "pool", assistantIds: [input.assistantId], expiresAt: offer.expiresAt }));

      return result;
    }),

  /** Deactivates an assistant, and their open tasks go back to routing. */
  deactivateAssistant: adminProcedure.input(z.object({ assistantId: id, reason })).mutation(async ({ ctx, input }) => {
    const result = await deactivateAssistant(ctx.db, { ...input, adminId: ctx.user.id, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, assistantId: input.assistantId, tasksRerouted: result.tasksRerouted }, "assistant deactivated");
    // NOTE: the new waves of rerouted tasks are not announced, because deactivateAssistant does not return them. The every-minute cron expires those offers.
    await sendEvents(emailEvents());

    return result;
  }),

  /** Lifts an assistant's active block before it ends. */
  liftBlock: adminProcedure.input(z.object({ assistantId: id, reason })).mutation(async ({ ctx, input }) => {
    await liftBlock(ctx.db, { ...input, adminId: ctx.user.id, now: ctx.clock.now() });
    logger.info({ requestId: ctx.requestId, userId: ctx.user.id, assistantId: input.assistantId }, "assistant block lifted");

    return { assistantId: input.assistantId };
  }),

  /** Replaces an assistant's skills with the given skill slugs. */
  setSkills: adminProcedure
    .input(z.object({ assistantId: id, skills: z.array(z.string().min(1)).max(100, "Choose at most 100 skills.") }))
    .mutation(async ({ ctx, input }) => {
      await setAssistantSkills(ctx.db, { assistantId: input.assistantId, skillSlugs: input.skills, adminId: ctx.user.id, now: ctx.clock.now() });
      logger.info({ requestId: ctx.requestId, userId: ctx.user.id, assistantId: input.assistantId }, "assistant skills changed");

      return { assistantId: input.assistantId };
    }),

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
