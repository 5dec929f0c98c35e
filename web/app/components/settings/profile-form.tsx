import { Form } from "react-router";

import { NameField } from "~/components/account/name-field";
import { FormAlert } from "~/components/form-alert";
import { SubmitButton } from "~/components/submit-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";
import { useFocusFirstError } from "~/hooks/use-focus-first-error";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import type { SettingsResult } from "~/helpers/settings/settings-form";
import type { UserRead } from "~/utils/api";

export function ProfileForm({
  user,
  result,
}: {
  user: UserRead;
  result: SettingsResult | undefined;
}) {
  const error = result?.ok === false ? result.error : undefined;
  const pending = useIsSubmitting({ intent: "profile" });
  const formRef = useFocusFirstError(error);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Profile</CardTitle>
        <CardDescription className="wrap-anywhere">
          How you appear in the app. You sign in as {user.email}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <Form method="post" ref={formRef} className="grid gap-4" noValidate>
          <input type="hidden" name="intent" value="profile" />
          <FormAlert error={error} />
          <NameField error={error?.fields.name} defaultValue={user.name} />
          <div className="flex items-center gap-3">
            <SubmitButton pending={pending} pendingText="Saving…">
              Save profile
            </SubmitButton>
            <p role="status" className="text-sm text-muted-foreground">
              {result?.ok && !pending ? "Profile saved." : ""}
            </p>
          </div>
        </Form>
      </CardContent>
    </Card>
  );
}
