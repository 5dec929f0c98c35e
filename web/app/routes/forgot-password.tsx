import { useRef } from "react";
import { Form, Link } from "react-router";

import type { Route } from "./+types/forgot-password";
import { CheckYourInbox } from "~/components/check-your-inbox";
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
import { requestPasswordReset, unwrap } from "~/utils/api";
import { toFormError } from "~/utils/form-error";
import { pageTitle } from "~/utils/meta";

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Forgot your password") }];

export async function clientAction({ request }: Route.ClientActionArgs) {
  const email = readText(await request.formData(), "email");
  try {
    const { message } = await unwrap(requestPasswordReset({ body: { email } }));
    return { sent: { email, message } };
  } catch (error) {
    return { error: toFormError(error, { fields: ["email"] }) };
  }
}

export default function ForgotPassword({ actionData }: Route.ComponentProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const error = actionData?.error;
  const pending = useIsSubmitting();
  useFocusFirstError(formRef, error);

  if (actionData?.sent) return <CheckYourInbox {...actionData.sent} />;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Forgot your password?</CardTitle>
        <CardDescription>
          Enter the email address of your account and we will send you a link to choose a new
          password.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" ref={formRef} className="grid gap-4" noValidate>
          <FormAlert error={error} />
          <FormField label="Email" error={error?.fields.email}>
            {(control) => (
              <Input {...control} name="email" type="email" autoComplete="email" required />
            )}
          </FormField>
          <SubmitButton pending={pending} pendingText="Sending…" className="w-full">
            Send me a link
          </SubmitButton>
        </Form>
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        <p>
          Remembered it?{" "}
          <Link to="/sign-in" className="font-medium text-foreground underline underline-offset-4">
            Sign in
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
