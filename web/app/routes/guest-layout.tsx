import { Outlet } from "react-router";

import type { Route } from "./+types/guest-layout";
import { CenteredPage } from "~/components/centered-page";
import { useSessionSync } from "~/hooks/use-session-sync";
import { requireGuest } from "~/utils/auth";

export async function clientLoader({ request }: Route.ClientLoaderArgs) {
  await requireGuest(request);
  return null;
}

/** Sign in, sign up and the forgotten password form: for people who are not signed in. */
export default function GuestLayout() {
  useSessionSync();
  return (
    <CenteredPage>
      <Outlet />
    </CenteredPage>
  );
}
