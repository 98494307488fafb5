"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";

import { useTRPC } from "~/app/_trpc/react";

import { formatInstant } from "./format";

/** How often the unread count is fetched again while the page is visible, in milliseconds. */
const UNREAD_POLL_MS = 15_000;
/** How many of the newest notifications the panel lists. */
const LIST_LIMIT = 20;

function BellIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth={2} strokeLinecap="round" strokeLinejoin="round">
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/**
 * Renders the bell in every dashboard's top bar: the unread count, and a
 * panel with the newest notifications that opens and closes like a
 * disclosure. Opening a notification marks it read. Escape or a click
 * outside closes the panel.
 */
export function NotificationBell({ timeZone }: { timeZone: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const wrapperRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  const unread = useQuery(trpc.notification.unreadCount.queryOptions(undefined, { refetchInterval: UNREAD_POLL_MS }));
  const list = useQuery(trpc.notification.list.queryOptions({ limit: LIST_LIMIT }, { enabled: open, refetchInterval: open ? UNREAD_POLL_MS : false }));

  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.notification.unreadCount.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.notification.list.queryKey() }),
    ]);
  const markRead = useMutation(trpc.notification.markRead.mutationOptions({ onSettled: refresh }));
  const markAllRead = useMutation(trpc.notification.markAllRead.mutationOptions({ onSettled: refresh }));

  useEffect(() => {
    if (!open) {
      return;
    }
    const closeOnOutsideClick = (event: PointerEvent) => {
      if (wrapperRef.current && event.target instanceof Node && !wrapperRef.current.contains(event.target)) {
        setOpen(false);
      }
    };
    const closeOnEscape = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener("pointerdown", closeOnOutsideClick);
    document.addEventListener("keydown", closeOnEscape);

    return () => {
      document.removeEventListener("pointerdown", closeOnOutsideClick);
      document.removeEventListener("keydown", closeOnEscape);
    };
  }, [open]);

  const count = unread.data ?? 0;
  const label = unread.data === undefined ? "Notifications" : `Notifications, ${count} unread`;
  const notifications = list.data ?? [];

  return (
    <div ref={wrapperRef} className="sm:relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="relative inline-flex h-9 w-9 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 hover:bg-slate-100"
      >
        <BellIcon />
        {count > 0 ? (
          <span aria-hidden="true" className="absolute -top-1.5 -right-1.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs leading-5 font-semibold text-white">
            {count > 99 ? "99+" : count}
          </span>
        ) : null}
      </button>

      <div
        id={panelId}
        role="region"
        aria-labelledby={headingId}
        hidden={!open}
        className="absolute inset-x-4 top-full z-20 mt-2 rounded-lg border border-slate-200 bg-white shadow-lg sm:inset-x-auto sm:right-0 sm:w-96"
      >
        <div className="flex items-center justify-between gap-2 border-b border-slate-200 px-4 py-2">
          <h2 id={headingId} className="text-sm font-semibold">
            Notifications
          </h2>
          <button
            type="button"
            onClick={() => markAllRead.mutate()}
            disabled={count === 0 || markAllRead.isPending}
            className="rounded-md px-2 py-1 text-sm font-medium text-indigo-700 hover:bg-indigo-50 disabled:text-slate-400 disabled:hover:bg-transparent"
          >
            Mark all read
          </button>
        </div>
        {list.isError ? (
          <p role="alert" className="px-4 py-3 text-sm text-red-800">
            Notifications could not be loaded. Close the panel and try again.
          </p>
        ) : null}
        {list.isPending && open ? <p className="px-4 py-3 text-sm text-slate-600">Loading…</p> : null}
        {list.isSuccess && notifications.length === 0 ? <p className="px-4 py-3 text-sm text-slate-600">No notifications yet.</p> : null}
        {notifications.length > 0 ? (
          <ul className="max-h-[70vh] divide-y divide-slate-100 overflow-y-auto">
            {notifications.map((notification) => {
              const isUnread = notification.readAt === null;
              const content = (
                <>
                  <span className="flex items-start gap-2">
                    {isUnread ? <span aria-hidden="true" className="mt-1.5 h-2 w-2 shrink-0 rounded-full bg-indigo-600" /> : null}
                    <span className={isUnread ? "font-semibold text-slate-900" : "font-medium text-slate-700"}>
                      {isUnread ? <span className="sr-only">Unread: </span> : null}
                      {notification.title}
                    </span>
                  </span>
                  <span className="mt-0.5 block text-slate-700">{notification.body}</span>
                  <time dateTime={notification.createdAt.toISOString()} className="mt-0.5 block text-xs text-slate-500">
                    {formatInstant(notification.createdAt, timeZone)}
                  </time>
                </>
              );
              const onOpen = () => {
                if (isUnread) {
                  markRead.mutate({ id: notification.id });
                }
              };

              return (
                <li key={notification.id}>
                  {notification.link ? (
                    <Link
                      href={notification.link}
                      onClick={() => {
                        onOpen();
                        setOpen(false);
                      }}
                      className="block px-4 py-3 text-sm hover:bg-slate-50"
                    >
                      {content}
                    </Link>
                  ) : (
                    <button type="button" onClick={onOpen} className="block w-full px-4 py-3 text-left text-sm hover:bg-slate-50">
                      {content}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
      </div>
    </div>
  );
}
