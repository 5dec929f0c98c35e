import { Navigate, Outlet, useLocation } from "react-router";

import type { Route } from "./+types/protected-layout";
import { ErrorView } from "~/components/error-view";
import { VerifyEmailBanner } from "~/components/verify-email-banner";
import { useRequiredSession } from "~/hooks/use-session";
import { useSessionSync } from "~/hooks/use-session-sync";
import { ApiError } from "~/utils/api-error";
import { requireSession, signInPath } from "~/utils/auth";
import { forgetSession } from "~/utils/session";

// Middleware, not a loader: loaders run side by side, so the pages' own would call the API (and
// log a 401) before a loader here could send a visitor to sign in; middleware runs first.
export const clientMiddleware: Route.ClientMiddlewareFunction[] = [
  async ({ request }) => {
    await requireSession(request);
  },
];

/** Everything that needs a signed-in user. */
export default function ProtectedLayout() {
  useSessionSync();
  const { user, impersonator } = useRequiredSession();
  return (
    <>
      {!user.email_verified && !impersonator && <VerifyEmailBanner email={user.email} />}
      <div className="mx-auto max-w-5xl px-4 py-8">
        <Outlet />
      </div>
    </>
  );
}

/**
 * Errors from the pages inside. A 401 means the session ended while the app was open (it
 * expired, or the user signed out in another tab): send them to sign in and back here after.
 */
export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const location = useLocation();
  if (error instanceof ApiError && error.status === 401) {
    // Forget the cached session before <Navigate> runs the sign-in page's loader, which would
    // otherwise still see the old session and bounce the user straight back here.
    forgetSession();
    return <Navigate to={signInPath(location)} replace />;
  }
  return <ErrorView error={error} />;
}
