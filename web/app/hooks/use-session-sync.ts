import { useEffect } from "react";
import { useRevalidator } from "react-router";

import { onSessionChangeElsewhere } from "~/utils/session";

/**
 * Reloads the page's data when another tab changes the session: after a sign-out there, the
 * protected pages here send the user to sign in at once; after a sign-in, the guest pages move on.
 */
export function useSessionSync(): void {
  const { revalidate } = useRevalidator();
  useEffect(() => onSessionChangeElsewhere(() => void revalidate()), [revalidate]);
}
