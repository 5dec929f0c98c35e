import { useEffect } from "react";
import { useLocation, useNavigate } from "react-router";

import { onSessionChangeElsewhere } from "~/utils/session";

/**
 * Reloads the page's data when another tab changes the session: after a sign-out there, the
 * protected pages here send the user to sign in at once; after a sign-in, the guest pages move on.
 * Used by those two layouts rather than the root, to keep it off the landing page's budget; a
 * public page only drops its cached session and catches up on the next navigation.
 */
export function useSessionSync(): void {
  const navigate = useNavigate();
  const { pathname, search, hash } = useLocation();
  useEffect(
    // Navigating to where the page already is runs every loader again, like a revalidation,
    // without pulling useRevalidator into the landing page's bundle.
    () =>
      onSessionChangeElsewhere(() => {
        void navigate({ pathname, search, hash }, { replace: true, preventScrollReset: true });
      }),
    [navigate, pathname, search, hash],
  );
}
