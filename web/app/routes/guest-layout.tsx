import { Outlet } from "react-router";

import type { Route } from "./+types/guest-layout";
import { useSessionSync } from "~/hooks/use-session-sync";
import { requireGuest } from "~/utils/auth";

export async function clientLoader({ request }: Route.ClientLoaderArgs) {
  await requireGuest(request);
  return null;
}

/** Sign in and sign up: a centred card for people who are not signed in. */
export default function GuestLayout() {
  useSessionSync();
  return (
    <div className="flex justify-center px-4 py-12 sm:py-20">
      <div className="w-full max-w-sm">
        <Outlet />
      </div>
    </div>
  );
}
