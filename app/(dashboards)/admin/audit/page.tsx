import type { Metadata } from "next";
import Link from "next/link";

import { Button } from "~/app/_components/button";
import { api } from "~/app/_trpc/server";
import { SYSTEM_ACTOR } from "~/server/admin/audit-log";
import { requireRole } from "~/server/auth/guard";

import { formatInstant } from "../../_components/format";
import { JsonChange } from "../_components/json-change";

export const metadata: Metadata = { title: "Audit log" };

type SearchParams = Record<string, string | string[] | undefined>;

function param(params: SearchParams, name: string): string | undefined {
  const value = params[name];

  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Builds the page's address for a filter and cursor, leaving out empty values. */
function auditHref(filters: { entityType?: string | undefined; actorId?: string | undefined; cursor?: string | undefined }): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) {
    if (value) {
      query.set(name, value);
    }
  }
  const text = query.toString();

  return text ? `/admin/audit?${text}` : "/admin/audit";
}

/** Links an audited entity to its admin page where one exists. */
function entityHref(entityType: string, entityId: string): string | null {
  if (entityType === "task") {
    return `/admin/tasks/${entityId}`;
  }
  if (entityType === "assistant") {
    return `/admin/assistants#assistant-${entityId}`;
  }
  if (entityType === "setting") {
    return "/admin/settings";
  }

  return null;
}

const SELECT_CLASS = "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm sm:w-56";

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireRole("admin");
  const params = await searchParams;
  const entityType = param(params, "entityType");
  const actorId = param(params, "actorId");
  const cursor = param(params, "cursor");
  const caller = await api();
  const [page, filters] = await Promise.all([caller.admin.auditLog({ entityType, actorId, cursor }), caller.admin.auditFilters()]);

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-slate-700">Every audited change, newest first, {page.pageSize} to a page.</p>
      </div>

      <form method="get" action="/admin/audit" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:flex-row sm:items-end">
        <div className="space-y-1">
          <label htmlFor="audit-entity" className="block text-sm font-medium text-slate-800">
            Entity type
          </label>
          <select id="audit-entity" name="entityType" defaultValue={entityType ?? ""} className={SELECT_CLASS}>
            <option value="">All types</option>
            {filters.entityTypes.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
        </div>
        <div className="space-y-1">
          <label htmlFor="audit-actor" className="block text-sm font-medium text-slate-800">
            Actor
          </label>
          <select id="audit-actor" name="actorId" defaultValue={actorId ?? ""} className={SELECT_CLASS}>
            <option value="">Everyone</option>
            {filters.hasSystemEvents ? <option value={SYSTEM_ACTOR}>The system (deadlines and jobs)</option> : null}
            {filters.actors.map((actor) => (
              <option key={actor.id} value={actor.id}>
                {actor.name} ({actor.role})
              </option>
            ))}
          </select>
        </div>
        <Button type="submit">Filter</Button>
        {entityType || actorId ? (
          <Link href="/admin/audit" className="rounded-md px-2 py-2 text-sm text-indigo-700 hover:underline">
            Clear filters
          </Link>
        ) : null}
      </form>

      {page.events.length === 0 ? (
        <p className="text-slate-700">No audit events match{cursor ? " on this page" : ""}.</p>
      ) : (
        <ol className="space-y-3">
          {page.events.map((event) => {
            const href = entityHref(event.entityType, event.entityId);

            return (
              <li key={event.id} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm">
                <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
                  <p className="font-medium">{event.action}</p>
                  <p className="text-slate-600">
                    <time dateTime={event.createdAt.toISOString()}>{formatInstant(event.createdAt, user.timeZone)}</time>
                  </p>
                </div>
                <p className="break-words text-slate-700">
                  {event.actor ? `${event.actor.name} (${event.actor.role})` : "The system"} · {event.entityType}{" "}
                  {href ? (
                    <Link href={href} className="text-indigo-700 underline">
                      {event.entityId}
                    </Link>
                  ) : (
                    event.entityId
                  )}
                </p>
                {event.reason ? <p className="break-words">Reason: “{event.reason}”</p> : null}
                <JsonChange before={event.before} after={event.after} />
              </li>
            );
          })}
        </ol>
      )}

      <nav aria-label="Audit log pages" className="flex flex-wrap gap-3">
        {cursor ? (
          <Link href={auditHref({ entityType, actorId })} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100">
            Newest events
          </Link>
        ) : null}
        {page.nextCursor ? (
          <Link href={auditHref({ entityType, actorId, cursor: page.nextCursor })} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-100">
            Older events
          </Link>
        ) : null}
      </nav>
    </div>
  );
}
