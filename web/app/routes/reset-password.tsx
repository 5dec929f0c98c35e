import { Form, Link, redirect, useSearchParams } from "react-router";

import type { Route } from "./+types/reset-password";
import { CenteredPage } from "~/components/centered-page";
import { FormAlert } from "~/components/form-alert";
import { FormField } from "~/components/form-field";
import { SubmitButton } from "~/components/submit-button";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import { useFocusFirstError } from "~/hooks/use-focus-first-error";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { readText } from "~/lib/form-data";
import { resetPassword, unwrap } from "~/utils/api";
import { HOME_PATH } from "~/utils/auth";
import { toFormError } from "~/utils/form-error";
import { pageTitle } from "~/utils/meta";
import { rememberSession } from "~/utils/session";

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Choose a new password") }];

export async function clientAction({ request }: Route.ClientActionArgs) {
  const formData = await request.formData();
  try {
    const session = await unwrap(
      resetPassword({
        body: { token: readText(formData, "token"), password: readText(formData, "password") },
      }),
    );
    rememberSession(session);
  } catch (error) {
    return { error: toFormError(error, { fields: ["password"], allowUnauthenticated: true }) };
  }
  return redirect(HOME_PATH);
}

/** The page the password-reset email links to; it signs out every other browser. */
export default function ResetPassword({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const error = actionData?.error;
  const pending = useIsSubmitting();
  const formRef = useFocusFirstError(error);

  return (
    <CenteredPage>
      <Card>
        <CardHeader>
          <CardTitle as="h1">Choose a new password</CardTitle>
          <CardDescription>
            You will be signed in here, and signed out everywhere else.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Form method="post" ref={formRef} className="grid gap-4" noValidate>
            <FormAlert error={error} />
            <input type="hidden" name="token" value={searchParams.get("token") ?? ""} />
            <FormField
              label="New password"
              hint="At least 12 characters, and not a commonly used password."
              error={error?.fields.password}
            >
              {(control) => (
                <Input
                  {...control}
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  required
                />
              )}
            </FormField>
            <SubmitButton pending={pending} pendingText="Saving…" className="w-full">
              Set password and sign in
            </SubmitButton>
          </Form>
        </CardContent>
        <CardFooter className="justify-center text-sm text-muted-foreground">
          <p>
            Link expired?{" "}
            <Link
              to="/forgot-password"
              className="font-medium text-foreground underline underline-offset-4"
            >
              Ask for a new one
            </Link>
          </p>
        </CardFooter>
      </Card>
    </CenteredPage>
  );
}
