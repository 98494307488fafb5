import { z } from "zod";

import { loadAuditFilters, loadAuditPage } from "../../admin/audit-log";
import { adminProcedure, createRouter } from "../trpc";

const auditQuery = z.object({
  entityType: z.string().max(50).optional(),
  /** A user id, or SYSTEM_ACTOR for events without an actor. */
  actorId: z.string().max(50).optional(),
  /** The id of the last event of the previous page. */
  cursor: z.string().max(50).optional(),
});

/** The audit log and its filters. */
export const adminAuditQueries = createRouter({
  /** Audit events newest first, 50 a page, filtered by entity type and actor. `nextCursor` is null on the last page. */
  auditLog: adminProcedure.input(auditQuery).query(async ({ ctx, input }) => loadAuditPage(ctx.db, input)),

  /** The entity types and actors that occur in the audit log, for its filters. */
  auditFilters: adminProcedure.query(async ({ ctx }) => loadAuditFilters(ctx.db)),
});
