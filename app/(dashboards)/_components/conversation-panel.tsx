"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from "react";

import { Button } from "~/app/_components/button";
import { useTRPC } from "~/app/_trpc/react";
import type { Role } from "~/server/db/generated/client";
import { MAX_MESSAGE_CHARACTERS, messageLength } from "~/server/messages/limits";

import { formatInstant } from "./format";
import { splitLinks } from "./linkify";

/** How often the panel fetches the conversation again, in milliseconds. */
const POLL_INTERVAL_MS = 4_000;
/** The character counter appears once the text reaches this share of the limit. */
const COUNTER_FROM_FRACTION = 0.9;

const ROLE_LABELS: Record<Role, string> = { client: "Client", assistant: "Assistant", admin: "Baton admin" };

function formatCount(count: number): string {
  return count.toLocaleString("en-US");
}

/** Splits a failed call's error into the message field's error and a message for the whole form. */
function sendErrors(error: unknown): { field: string | null; form: string | null } {
  if (!error) {
    return { field: null, form: null };
  }
  if (!(error instanceof TRPCClientError)) {
    return { field: null, form: "The message was not sent because the request failed. Check your connection and send again." };
  }
  const data = error.data as { fieldErrors?: Record<string, string> | null } | undefined;
  const field = data?.fieldErrors?.body ?? null;

  return { field, form: field ? null : `The message was not sent: ${error.message}` };
}

function errorCodeOf(error: unknown): string | null {
  return error instanceof TRPCClientError ? ((error.data as { code?: string } | undefined)?.code ?? null) : null;
}

/** Renders message text with web addresses as links. React escapes the rest, so HTML shows as typed. */
function MessageText({ text }: { text: string }) {
  return (
    <p className="text-sm whitespace-pre-wrap break-words text-slate-900">
      {splitLinks(text).map((part, index) =>
        part.kind === "link" ? (
          <a key={index} href={part.href} rel="noopener noreferrer nofollow" target="_blank" className="break-all text-indigo-700 underline">
            {part.text}
          </a>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </p>
  );
}

/**
 * Renders one task's conversation for its client, its assistant or an
 * admin: the messages with the newest at the bottom, a marker on each one
 * the viewer had not read, and a form to write. Opening the panel marks the
 * messages read. A failed send keeps the typed text in the field.
 */
export function ConversationPanel({ taskId, timeZone }: { taskId: string; timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const headingId = useId();
  const fieldId = useId();
  const logRef = useRef<HTMLDivElement>(null);
  const [draft, setDraft] = useState("");
  // Messages shown as unread keep their marker while the panel stays open, even after they are marked read.
  const [unreadShown, setUnreadShown] = useState<ReadonlySet<string>>(new Set());

  const listKey = trpc.message.list.queryKey({ taskId });
  const list = useQuery(trpc.message.list.queryOptions({ taskId }, { refetchInterval: POLL_INTERVAL_MS }));
  const refreshCounts = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.notification.unreadCount.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey() }),
    ]);
  const { mutate: markRead } = useMutation(trpc.message.markRead.mutationOptions({ onSuccess: refreshCounts }));
  const send = useMutation(
    trpc.message.send.mutationOptions({
      onSuccess: async () => {
        setDraft("");
        await queryClient.invalidateQueries({ queryKey: listKey });
      },
    }),
  );

  const messages = list.data?.messages ?? [];
  const newlyUnread = messages.filter((message) => message.unread && !unreadShown.has(message.id));
  if (newlyUnread.length > 0) {
    setUnreadShown(new Set([...unreadShown, ...newlyUnread.map((message) => message.id)]));
  }
  const newestUnreadId = messages.findLast((message) => message.unread)?.id ?? null;

  useEffect(() => {
    if (newestUnreadId) {
      markRead({ taskId, messageId: newestUnreadId });
    }
  }, [markRead, taskId, newestUnreadId]);

  const newestId = messages.at(-1)?.id ?? null;
  useEffect(() => {
    const log = logRef.current;
    if (log && newestId) {
      log.scrollTop = log.scrollHeight;
    }
  }, [newestId]);

  const length = messageLength(draft);
  const showCounter = length >= MAX_MESSAGE_CHARACTERS * COUNTER_FROM_FRACTION;
  const errors = sendErrors(send.error);
  const describedBy = [`${fieldId}-hint`, showCounter ? `${fieldId}-counter` : null, errors.field ? `${fieldId}-error` : null].filter(Boolean).join(" ");

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!send.isPending) {
      send.mutate({ taskId, body: draft });
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  const lostAccess = list.isError && errorCodeOf(list.error) === "NOT_FOUND";

  return (
    <section aria-labelledby={headingId} className="space-y-3">
      <h2 id={headingId} className="text-lg font-semibold">
        Conversation
      </h2>

      {list.isPending ? <p className="text-sm text-slate-600">Loading the conversation…</p> : null}
      {lostAccess ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          You can no longer read this conversation, because the task is not assigned to you any more.
        </p>
      ) : null}
      {list.isError && !lostAccess ? (
        <p role="alert" className="text-sm text-red-800">
          The conversation could not be loaded: {list.error.message} It is tried again every few seconds.
        </p>
      ) : null}

      {list.data ? (
        <div ref={logRef} role="log" aria-label="Messages" tabIndex={0} className="max-h-[28rem] space-y-3 overflow-y-auto rounded-lg border border-slate-200 bg-slate-50 p-3">
          {list.data.olderCount > 0 ? (
            <p className="text-center text-xs text-slate-600">{formatCount(list.data.olderCount)} earlier messages are not shown.</p>
          ) : null}
          {messages.length === 0 ? <p className="text-sm text-slate-600">No messages yet. Questions and answers about this task go here.</p> : null}
          <ol className="space-y-3">
            {messages.map((message) => (
              <li key={message.id} className={`rounded-lg border p-3 ${message.mine ? "ml-6 border-indigo-200 bg-indigo-50" : "mr-6 border-slate-200 bg-white"}`}>
                <p className="mb-1 text-xs text-slate-600">
                  <span className="font-semibold text-slate-800">{message.mine ? "You" : message.authorName}</span>
                  {message.mine ? null : ` (${ROLE_LABELS[message.authorRole]})`}
                  {" · "}
                  <time dateTime={message.createdAt.toISOString()}>{formatInstant(message.createdAt, timeZone)}</time>
                  {unreadShown.has(message.id) ? (
                    <>
                      {" "}
                      <span className="ml-1 rounded-full bg-amber-100 px-2 py-0.5 font-semibold text-amber-900">Unread</span>
                    </>
                  ) : null}
                </p>
                <MessageText text={message.body} />
              </li>
            ))}
          </ol>
        </div>
      ) : null}

      {list.data && !list.data.canWrite ? <p className="text-sm text-slate-700">{list.data.readOnlyReason}</p> : null}

      {list.data?.canWrite ? (
        <form onSubmit={onSubmit} noValidate aria-label="Write a message" className="space-y-2">
          {errors.form ? (
            <p role="alert" className="rounded-md bg-red-50 p-2 text-sm text-red-800">
              {errors.form}
            </p>
          ) : null}
          <div className="space-y-1">
            <label htmlFor={fieldId} className="block text-sm font-medium text-slate-800">
              Your message
            </label>
            <textarea
              id={fieldId}
              name="body"
              rows={3}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
              aria-invalid={errors.field ? true : undefined}
              aria-describedby={describedBy}
              className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm aria-invalid:border-red-600"
            />
            <p id={`${fieldId}-hint`} className="text-xs text-slate-600">
              Plain text up to {formatCount(MAX_MESSAGE_CHARACTERS)} characters. Web addresses become links. Ctrl+Enter sends.
            </p>
            {showCounter ? (
              <p id={`${fieldId}-counter`} aria-live="polite" className={`text-xs ${length > MAX_MESSAGE_CHARACTERS ? "font-semibold text-red-700" : "text-slate-700"}`}>
                {formatCount(length)} of {formatCount(MAX_MESSAGE_CHARACTERS)} characters
              </p>
            ) : null}
            {errors.field ? (
              <p id={`${fieldId}-error`} className="text-sm text-red-700">
                {errors.field}
              </p>
            ) : null}
          </div>
          <Button type="submit" disabled={send.isPending}>
            {send.isPending ? "Sending…" : "Send message"}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
