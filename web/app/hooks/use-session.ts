import { useRouteLoaderData } from "react-router";

import type { Session } from "~/utils/api";

/** The session loaded by the root route: null when nobody is signed in. */
export function useSession(): Session | null {
  const data = useRouteLoaderData<{ session: Session | null }>("root");
  return data?.session ?? null;
}

/** The session inside protected routes, whose layout has already required one. */
export function useRequiredSession(): Session {
  const session = useSession();
  if (!session) throw new Error("useRequiredSession() used outside the protected layout");
  return session;
}
