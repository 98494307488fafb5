import { env } from "./env.js";

/** Builds the absolute URL of an app path, for links in emails. */
export function appUrl(path: string): string {
  return new URL(path, env.APP_URL).toString();
}
