import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/client";

/** The audit log's page size. */
const AUDIT_PAGE_SIZE = 50;
/** The actor filter's value for events that no person caused (deadlines, jobs). */
export const SYSTEM_ACTOR = "system";

export interface AuditQuery {
  entityType?: string | undefined;
  /** A user id, or SYSTEM_ACTOR for events without an actor. */
  actorId?: string | undefined;
  /** The id of the last event of the previous page. */
  cursor?: string | undefined;
}

/** Loads one page of audit events, newest first, filtered by entity type and actor. `nextCursor` is null on the last page. */
export async function loadAuditPage(db: Db, query: AuditQuery) {
  const where: Prisma.AuditEventWhereInput = {
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.actorId ? { actorId: query.actorId === SYSTEM_ACTOR ? null : query.actorId } : {}),
  };
  const rows = await db.auditEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE_SIZE + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: { id: true, action: true, entityType: true, entityId: true, before: true, after: true, reason: true, createdAt: true, actor: { select: { id: true, name: true, role: true } } },
  });
  const events = rows.slice(0, AUDIT_PAGE_SIZE);

  return { events, nextCursor: rows.length > AUDIT_PAGE_SIZE ? (events.at(-1)?.id ?? null) : null, pageSize: AUDIT_PAGE_SIZE };
}

/** Loads the entity types and actors that occur in the audit log, for its filters. */
export async function loadAuditFilters(db: Db) {
  const [types, actors] = await Promise.all([
    db.auditEvent.groupBy({ by: ["entityType"], orderBy: { entityType: "asc" } }),
    db.auditEvent.groupBy({ by: ["actorId"] }),
  ]);
  const actorIds = actors.flatMap((row) => (row.actorId ? [row.actorId] : []));
  const users = await db.user.findMany({ where: { id: { in: actorIds } }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } });

  return { entityTypes: types.map((row) => row.entityType), actors: users, hasSystemEvents: actors.some((row) => row.actorId === null) };
}
