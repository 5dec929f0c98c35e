import { CircleCheck } from "lucide-react";
import { Form, useSearchParams } from "react-router";

import type { Route } from "./+types/verify-email";
import { CenteredPage } from "~/components/centered-page";
import { FormAlert } from "~/components/form-alert";
import { SubmitButton } from "~/components/submit-button";
import { ButtonLink } from "~/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { useSession } from "~/hooks/use-session";
import { readText } from "~/lib/form-data";
import { unwrap, verifyEmail } from "~/utils/api";
import { HOME_PATH, SIGN_IN_PATH } from "~/utils/auth";
import { toFormError } from "~/utils/form-error";
import { pageTitle } from "~/utils/meta";
import { forgetSession } from "~/utils/session";

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Confirm your email") }];

export async function clientAction({ request }: Route.ClientActionArgs) {
  const token = readText(await request.formData(), "token");
  try {
    await unwrap(verifyEmail({ body: { token } }));
    // A signed-in session still says "unverified": ask the API again on the next page.
    forgetSession();
    return { ok: true as const };
  } catch (error) {
    return {
      ok: false as const,
      error: toFormError(error, { fields: [], allowUnauthenticated: true }),
    };
  }
}

/**
 * The page the verification email links to. Confirming takes a click rather than happening on
 * load, so a mail scanner that opens every link in a message cannot confirm an address.
 */
export default function VerifyEmail({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const token = searchParams.get("token") ?? "";
  const signedIn = useSession() !== null;
  const pending = useIsSubmitting();

  return (
    <CenteredPage>
      {actionData?.ok ? (
        <Card>
          <CardHeader>
            <CircleCheck aria-hidden className="size-8 text-muted-foreground" />
            <CardTitle as="h1">Email address confirmed</CardTitle>
            <CardDescription role="status">
              Thank you. We will now send you email about your account and your notes.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ButtonLink to={signedIn ? HOME_PATH : SIGN_IN_PATH} className="w-full">
              {signedIn ? "Go to your notes" : "Continue to sign in"}
            </ButtonLink>
          </CardContent>
        </Card>
      ) : (
        <Card>
          <CardHeader>
            <CardTitle as="h1">Confirm your email address</CardTitle>
            <CardDescription>
              Confirm that this address is yours, so we can send you email about your account.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <Form method="post" className="grid gap-4">
              <FormAlert error={actionData?.ok === false ? actionData.error : undefined} />
              <input type="hidden" name="token" value={token} />
              <SubmitButton pending={pending} pendingText="Confirming…" className="w-full">
                Confirm my email address
              </SubmitButton>
            </Form>
          </CardContent>
        </Card>
      )}
    </CenteredPage>
  );
}
