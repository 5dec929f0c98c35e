import { Form } from "react-router";

import { SubmitButton } from "~/components/submit-button";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import type { Session } from "~/utils/api";

/** Shown on every page while an admin acts as another user, with the way back. */
export function ImpersonationBanner({ session }: { session: Session }) {
  const stopping = useIsSubmitting({ intent: "stop-impersonating" });
  if (!session.impersonator) return null;
  return (
    <div role="region" aria-label="Impersonation" className="bg-warning text-warning-foreground">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm">
        <p className="min-w-0 wrap-anywhere">
          You are viewing the app as <strong>{session.user.name}</strong> ({session.user.email}).
          Signed in as {session.impersonator.name}.
        </p>
        <Form method="post" action="/impersonation/stop">
          <input type="hidden" name="intent" value="stop-impersonating" />
          <SubmitButton size="sm" variant="outline" pending={stopping} pendingText="Stopping…">
            Stop impersonating
          </SubmitButton>
        </Form>
      </div>
    </div>
  );
}
