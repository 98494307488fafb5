import "server-only";

import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";

import { systemClock } from "../clock";
import { getDb, type Db } from "../db/client";
import { env } from "../env.js";
import { logger } from "../logger";
import { verifyCredentials } from "./credentials";
import { sendSignInLink } from "./magic-link";

const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const MAGIC_LINK_MAX_AGE_SECONDS = 15 * 60;

function buildConfig(db: Db): NextAuthConfig {
  return {
    adapter: PrismaAdapter(db),
    secret: env.AUTH_SECRET,
    trustHost: env.AUTH_TRUST_HOST,
    // Credentials sign-in only works with JWT sessions. The token carries the
    // user id alone; role and status are read from the database per request.
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
    providers: [
      Credentials({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: async (credentials) => {
          const user = await verifyCredentials(db, credentials);
          if (!user) {
            logger.info("password sign-in rejected");
          }

          return user;
        },
      }),
      {
        id: "email",
        name: "Email link",
        type: "email",
        maxAge: MAGIC_LINK_MAX_AGE_SECONDS,
        sendVerificationRequest: async ({ identifier, url, expires }) => {
          await sendSignInLink(db, systemClock, { email: identifier, url, expires });
        },
      },
    ],
    callbacks: {
      // Email links go only to existing, active accounts; sign-up creates accounts.
      async signIn({ user, account }) {
        if (account?.type !== "email") {
          return true;
        }
        const existing = await db.user.findUnique({ where: { email: (user.email ?? "").toLowerCase() }, select: { active: true } });

        return existing?.active === true;
      },
      jwt({ token, user }) {
        if (user?.id) {
          token.sub = user.id;
        }

        return token;
      },
      session({ session, token }) {
        if (token.sub) {
          session.user.id = token.sub;
        }

        return session;
      },
    },
    logger: {
      error: (error) => {
        const type = (error as { type?: string }).type ?? error.name;
        // A wrong password is an expected outcome, already logged by authorize.
        if (type === "CredentialsSignin") {
          return;
        }
        logger.warn({ err: { type, message: error.message } }, "auth error");
      },
      warn: (code) => logger.warn({ code }, "auth warning"),
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(async () => buildConfig(await getDb()));
