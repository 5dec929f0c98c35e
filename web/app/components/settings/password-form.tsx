import { Form } from "react-router";

import { FormAlert } from "~/components/form-alert";
import { FormField } from "~/components/form-field";
import { SubmitButton } from "~/components/submit-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { Input } from "~/components/ui/input";
import type { SettingsResult } from "~/helpers/settings/settings-form";
import { useFocusFirstError } from "~/hooks/use-focus-first-error";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { useResetOnSuccess } from "~/hooks/use-reset-on-success";

export function PasswordForm({ result }: { result: SettingsResult | undefined }) {
  const error = result?.ok === false ? result.error : undefined;
  const pending = useIsSubmitting({ intent: "password" });
  const formRef = useFocusFirstError(error);
  useResetOnSuccess(formRef, result);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Password</CardTitle>
        <CardDescription>
          Choose a new password of at least 12 characters. Every other browser is signed out.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" ref={formRef} className="grid gap-4" noValidate>
          <input type="hidden" name="intent" value="password" />
          <FormAlert error={error} />
          <FormField label="Current password" error={error?.fields.current_password}>
            {(control) => (
              <Input
                {...control}
                name="current_password"
                type="password"
                autoComplete="current-password"
                required
              />
            )}
          </FormField>
          <FormField label="New password" error={error?.fields.new_password}>
            {(control) => (
              <Input
                {...control}
                name="new_password"
                type="password"
                autoComplete="new-password"
                required
              />
            )}
          </FormField>
          <div className="flex items-center gap-3">
            <SubmitButton pending={pending} pendingText="Changing…">
              Change password
            </SubmitButton>
            <p role="status" className="text-sm text-muted-foreground">
              {result?.ok && !pending ? "Password changed." : ""}
            </p>
          </div>
        </Form>
      </CardContent>
    </Card>
  );
}
