import Link from "next/link";
import type { ReactNode } from "react";

import { Button } from "~/app/_components/button";
import type { SessionUser } from "~/server/auth/session-user";

import { signOutAction } from "../actions";
import { NavLinks, type NavLink } from "./nav-links";
import { NotificationBell } from "./notification-bell";

interface DashboardShellProps {
  user: SessionUser;
  homeHref: string;
  links: NavLink[];
  children: ReactNode;
}

/**
 * Renders the frame of every dashboard: a top bar with the role's links, the
 * notification bell, the signed-in user and a sign-out button.
 */
export function DashboardShell({ user, homeHref, links, children }: DashboardShellProps) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-indigo-800 focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        {/* Relative, so the notification panel spans this bar on narrow screens. */}
        <div className="relative mx-auto flex max-w-5xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href={homeHref} className="rounded-md text-xl font-bold tracking-tight text-indigo-700">
            Baton
          </Link>
          <NavLinks links={links} />
          <div className="ml-auto flex items-center gap-3">
            <NotificationBell timeZone={user.timeZone} />
            <p className="text-sm text-slate-700">
              <span className="sr-only">Signed in as </span>
              <span className="font-medium text-slate-900">{user.name}</span>
            </p>
            <form action={signOutAction}>
              <Button type="submit" variant="secondary" className="px-3 py-1.5">
                Sign out
              </Button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-5xl px-4 py-8">
        {children}
      </main>
    </div>
  );
}
