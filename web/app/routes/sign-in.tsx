import { Form, Link, redirect, useSearchParams } from "react-router";

import type { Route } from "./+types/sign-in";
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
import { Input } from "~/components/ui/input";
import { useFocusFirstError } from "~/hooks/use-focus-first-error";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { readText } from "~/lib/form-data";
import { signIn, unwrap } from "~/utils/api";
import { safeNext } from "~/utils/auth";
import { toFormError } from "~/utils/form-error";
import { pageTitle } from "~/utils/meta";
import { rememberSession } from "~/utils/session";

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Sign in") }];

export async function clientAction({ request }: Route.ClientActionArgs) {
  const formData = await request.formData();
  try {
    const session = await unwrap(
      signIn({
        body: { email: readText(formData, "email"), password: readText(formData, "password") },
      }),
    );
    rememberSession(session);
  } catch (error) {
    return {
      error: toFormError(error, { fields: ["email", "password"], allowUnauthenticated: true }),
    };
  }
  return redirect(safeNext(new URL(request.url).searchParams.get("next")));
}

export default function SignIn({ actionData }: Route.ComponentProps) {
  const [searchParams] = useSearchParams();
  const error = actionData?.error;
  const pending = useIsSubmitting();
  const formRef = useFocusFirstError(error);

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Sign in</CardTitle>
        <CardDescription>Welcome back. Sign in to see your notes.</CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" ref={formRef} className="grid gap-4" noValidate>
          <FormAlert error={error} />
          <EmailField error={error?.fields.email} />
          <FormField label="Password" error={error?.fields.password}>
            {(control) => (
              <Input
                {...control}
                name="password"
                type="password"
                autoComplete="current-password"
                required
              />
            )}
          </FormField>
          <SubmitButton pending={pending} pendingText="Signing in…" className="w-full">
            Sign in
          </SubmitButton>
        </Form>
      </CardContent>
      <CardFooter className="flex-col gap-2 text-sm text-muted-foreground">
        <p>
          <Link
            to="/forgot-password"
            className="font-medium text-foreground underline underline-offset-4"
          >
            Forgot your password?
          </Link>
        </p>
        <p>
          No account yet?{" "}
          <Link
            to={{ pathname: "/sign-up", search: searchParams.toString() }}
            className="font-medium text-foreground underline underline-offset-4"
          >
            Sign up
          </Link>
        </p>
      </CardFooter>
    </Card>
  );
}
