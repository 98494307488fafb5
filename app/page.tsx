import { redirect } from "next/navigation";

import { getCurrentUser } from "~/server/auth/current";
import { DASHBOARD_BY_ROLE } from "~/server/auth/guard";

export default async function HomePage() {
  const user = await getCurrentUser();
  redirect(user ? DASHBOARD_BY_ROLE[user.role] : "/sign-in");
}
