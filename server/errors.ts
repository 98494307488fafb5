import { TRPCError } from "@trpc/server";

import { Prisma } from "./db/generated/client";

/** Application error codes and the tRPC code (and HTTP status) each maps to. */
const TRPC_CODE_BY_APP_CODE = {
  UNAUTHENTICATED: "UNAUTHORIZED", // 401: not signed in
  FORBIDDEN: "FORBIDDEN", // 403: signed in with the wrong role
  NOT_FOUND: "NOT_FOUND", // 404: missing, or belongs to someone else
  CONFLICT: "CONFLICT", // 409: the state changed under the request
  INVALID_INPUT: "BAD_REQUEST", // 400: a field broke a rule
  PRECONDITION_FAILED: "PRECONDITION_FAILED", // 412: a rule forbids the action now
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS", // 429
  INTERNAL: "INTERNAL_SERVER_ERROR", // 500: details stay in the log
} as const;

export type AppErrorCode = keyof typeof TRPC_CODE_BY_APP_CODE;

/** Messages for single form fields, keyed by the field's path ("title", "links.1"). */
export type FieldErrors = Record<string, string>;

/**
 * The one error type of Baton's domain. `message` is written for the person
 * using the app; `fieldErrors` puts messages on form fields.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly fieldErrors: FieldErrors | undefined;

  constructor(code: AppErrorCode, message: string, options?: { fieldErrors?: FieldErrors; cause?: unknown }) {
    super(message, { cause: options?.cause });
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
  }

  static invalid(field: string, message: string): AppError {
    return new AppError("INVALID_INPUT", message, { fieldErrors: { [field]: message } });
  }

  static notFound(what: string): AppError {
    return new AppError("NOT_FOUND", `${what} not found.`);
  }

  static conflict(message: string): AppError {
    return new AppError("CONFLICT", message);
  }
}

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE_BY_APP_CODE[error.code], message: error.message, cause: error });
}

/**
 * Translates the Prisma errors that mean something to a user (a unique or
 * check constraint, a missing row) into an AppError; anything else is
 * returned unchanged. Through the driver adapters a CHECK violation
 * (PostgreSQL 23514) arrives as P2039.
 */
export function translatePrismaError(error: unknown, conflictMessage = "This was changed by someone else. Reload and try again."): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2002" || error.code === "P2034") {
      return new AppError("CONFLICT", conflictMessage, { cause: error });
    }
    if (error.code === "P2039") {
      return new AppError("INVALID_INPUT", "A value breaks one of the database's rules. Check the form and try again.", { cause: error });
    }
    if (error.code === "P2025") {
      return new AppError("NOT_FOUND", "Record not found.", { cause: error });
    }
  }

  return error;
}

/** True when the error is PostgreSQL's unique violation, whichever layer raised it. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    return error.code === "P2002";
  }
  const code = (error as { code?: unknown } | null)?.code;

  return code === "23505";
}
