import { Form } from "react-router";

import { FormAlert } from "~/components/form-alert";
import { SubmitButton } from "~/components/submit-button";
import { Badge } from "~/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import type { SettingsResult } from "~/helpers/settings/settings-form";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { formatDateTime } from "~/lib/format-date";
import type { ActiveSession } from "~/utils/api";
import { describeUserAgent } from "~/utils/describe-user-agent";

/** Every browser signed in to the account, and a way to sign the others out. */
export function SessionsCard({
  sessions,
  result,
}: {
  sessions: ActiveSession[];
  result: SettingsResult | undefined;
}) {
  const ending = useIsSubmitting({ intent: "sessions", session_id: "" });
  const hasOthers = sessions.some((session) => !session.current);
  return (
    <Card>
      <CardHeader>
        <CardTitle>Where you are signed in</CardTitle>
        <CardDescription>
          A browser unused for three days is signed out. Sign out any that you do not recognise.
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <FormAlert error={result?.ok === false ? result.error : undefined} />
        <ul aria-label="Sessions" className="divide-y rounded-md border">
          {sessions.map((session) => (
            <SessionRow key={session.id} session={session} />
          ))}
        </ul>
        {hasOthers && (
          <Form method="post">
            <input type="hidden" name="intent" value="sessions" />
            <input type="hidden" name="session_id" value="" />
            <SubmitButton variant="outline" pending={ending} pendingText="Signing out…">
              Sign out everywhere else
            </SubmitButton>
          </Form>
        )}
        <p role="status" className="text-sm text-muted-foreground">
          {result?.ok ? "Signed out." : ""}
        </p>
      </CardContent>
    </Card>
  );
}

function SessionRow({ session }: { session: ActiveSession }) {
  const ending = useIsSubmitting({ intent: "sessions", session_id: session.id });
  const browser = describeUserAgent(session.user_agent);
  const lastActive = formatDateTime(session.last_seen_at);
  return (
    <li className="flex flex-wrap items-center justify-between gap-3 px-4 py-3">
      <div className="min-w-0">
        <p className="flex flex-wrap items-center gap-2 font-medium break-words">
          {browser}
          {session.current && <Badge variant="secondary">This browser</Badge>}
        </p>
        <p className="text-sm text-muted-foreground">
          {session.ip_address || "Unknown address"} · last active {lastActive}
        </p>
      </div>
      {!session.current && (
        <Form method="post">
          <input type="hidden" name="intent" value="sessions" />
          <input type="hidden" name="session_id" value={session.id} />
          <SubmitButton
            size="sm"
            variant="outline"
            pending={ending}
            pendingText="Signing out…"
            aria-label={`Sign out ${browser}, last active ${lastActive}`}
          >
            Sign out
          </SubmitButton>
        </Form>
      )}
    </li>
  );
}
