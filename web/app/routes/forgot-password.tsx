import { Form, Link } from "react-router";

import type { Route } from "./+types/forgot-password";
import { CheckYourInbox } from "~/components/check-your-inbox";
import { EmailField } from "~/components/email-field";
import { FormAlert } from "~/components/form-alert";
import { SubmitButton } from "~/components/submit-button";
import {
  Card,
  CardContent,
  CardDescription,
  CardFooter,
  CardHeader,
  CardTitle,
} from "~/components/ui/card";
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
  const error = actionData?.error;
  const pending = useIsSubmitting();
  const formRef = useFocusFirstError(error);

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
          <EmailField error={error?.fields.email} />
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
