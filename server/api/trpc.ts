/**
 * The one place that sets up tRPC: (1) the context every procedure gets,
 * (2) initialisation with error formatting, and (3) the procedures routers
 * may use. Routers import only from section 3.
 */
import { randomUUID } from "node:crypto";

import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";

import { systemClock, type Clock } from "../clock";
import type { Db } from "../db/client";
import { AppError, toTRPCError, translatePrismaError } from "../errors";
import { logger } from "../logger";
import type { SessionUser } from "../auth/session-user";

// ---------------------------------------------------------------- 1. context

export interface Context {
  db: Db;
  clock: Clock;
  user: SessionUser | null;
  requestId: string;
}

/** Builds a context without a request, for tests and server-side callers. */
export function createContextInner(options: { db: Db; user: SessionUser | null; clock?: Clock; requestId?: string }): Context {
  return {
    db: options.db,
    user: options.user,
    clock: options.clock ?? systemClock,
    requestId: options.requestId ?? randomUUID(),
  };
}

// ---------------------------------------------------------------- 2. init

interface SchemaIssue {
  message: string;
  path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>;
}

/**
 * Field messages from a failed input schema, keyed by the field's dotted
 * path. tRPC reports a Zod 4 schema's failure either as a ZodError or as a
 * Standard Schema error; both carry `issues`.
 */
function inputFieldErrors(cause: unknown): Record<string, string> | null {
  const issues = cause instanceof ZodError ? cause.issues : (cause as { issues?: unknown } | null)?.issues;
  if (!Array.isArray(issues)) {
    return null;
  }
  const fields: Record<string, string> = {};
  for (const issue of issues as SchemaIssue[]) {
    const segments = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment));
    const key = segments.join(".") || "form";
    fields[key] ??= issue.message;
  }

  return fields;
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    const fieldErrors = cause instanceof AppError ? (cause.fieldErrors ?? null) : inputFieldErrors(cause);
    const hidden = error.code === "INTERNAL_SERVER_ERROR";

    return {
      ...shape,
      message: hidden ? "Something went wrong on our side. Try again in a moment." : shape.message,
      data: { ...shape.data, stack: undefined, fieldErrors },
    };
  },
});

/** Turns AppErrors and known database errors into tRPC errors, and logs by severity. */
const errorMiddleware = t.middleware(async ({ ctx, path, type, next }) => {
  const result = await next();
  if (result.ok) {
    return result;
  }

  const original = result.error.cause ?? result.error;
  const translated = translatePrismaError(original);
  const error = translated instanceof AppError ? toTRPCError(translated) : result.error;
  const context = { requestId: ctx.requestId, userId: ctx.user?.id, path, type, code: error.code };
  if (error.code === "INTERNAL_SERVER_ERROR") {
    logger.error({ ...context, err: original }, "procedure failed");
  } else {
    logger.info(context, "procedure rejected the request");
  }

  return { ...result, error };
});

// ---------------------------------------------------------------- 3. procedures

export const createRouter = t.router;
/** Joins routers into one with the procedures of all of them at the same level. */
export const mergeRouters = t.mergeRouters;
export const createCallerFactory = t.createCallerFactory;

/** Anyone, signed in or not. */
export const publicProcedure = t.procedure.use(errorMiddleware);

/** Any signed-in user; `ctx.user` is non-null. Otherwise 401. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  }

  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Clients only; `ctx.clientId` is their account. Others get 403. */
export const clientProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "client" || !ctx.user.clientId) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only clients can do this." });
  }

  return next({ ctx: { ...ctx, clientId: ctx.user.clientId } });
});

/** Assistants only; `ctx.assistantId` is their profile. Others get 403. */
export const assistantProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "assistant" || !ctx.user.assistantId) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only assistants can do this." });
  }

  return next({ ctx: { ...ctx, assistantId: ctx.user.assistantId } });
});

/** Admins only. Others get 403. */
export const adminProcedure = protectedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only admins can do this." });
  }

  return next({ ctx });
});
