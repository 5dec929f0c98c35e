import { Form, Link, useSearchParams } from "react-router";

import type { Route } from "./+types/sign-up";
import { NameField } from "~/components/account/name-field";
import { EmailField } from "~/components/email-field";
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
import { CheckYourInbox } from "~/components/check-your-inbox";
import { Input } from "~/components/ui/input";
import { useFocusFirstError } from "~/hooks/use-focus-first-error";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { readText } from "~/lib/form-data";
import { signUp, unwrap } from "~/utils/api";
import { toFormError } from "~/utils/form-error";
import { pageTitle } from "~/utils/meta";

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Sign up") }];

export async function clientAction({ request }: Route.ClientActionArgs) {
  const formData = await request.formData();
  const email = readText(formData, "email");
  try {
    // The same answer whether or not the address has an account: what follows is in the email.
    const { message } = await unwrap(
      signUp({
        body: { name: readText(formData, "name"), email, password: readText(formData, "password") },
      }),
    );
    return { sent: { email, message } };
  } catch (error) {
    return { error: toFormError(error, { fields: ["name", "email", "password"] }) };
  }
}

export default function SignUp({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const error = actionData?.error;
  const pending = useIsSubmitting();
  const formRef = useFocusFirstError(error);

  if (actionData?.sent) return <CheckYourInbox {...actionData.sent} />;
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Create your account</CardTitle>
        <CardDescription>
          It takes a few seconds; we then email you a link to confirm your address.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" ref={formRef} className="grid gap-4" noValidate>
          <FormAlert error={error} />
          <NameField error={error?.fields.name} />
          <EmailField error={error?.fields.email} />
          <FormField
            label="Password"
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
          <SubmitButton pending={pending} pendingText="Creating account…" className="w-full">
            Create account
          </SubmitButton>
        </Form>
      </CardContent>
      <CardFooter className="justify-center text-sm text-muted-foreground">
        <p>
          Already have an account?{" "}
          <Link
            to={{ pathname: "/sign-in", search: searchParams.toString() }}
            className="font-medium text-foreground underline underline-offset-4"
          >
            Sign in
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
