import { FormField } from "~/components/form-field";
import { Input } from "~/components/ui/input";

/** The most characters a name may have (app/api/schemas.py). */
export const NAME_MAX = 100;

/** A person's display name, as sign-up and the profile settings ask for it. */
export function NameField({ error, defaultValue }: { error?: string; defaultValue?: string }) {
  return (
    <FormField label="Name" error={error} maxLength={NAME_MAX}>
      {(control) => (
        <Input {...control} name="name" autoComplete="name" required defaultValue={defaultValue} />
      )}
    </FormField>
  );
}
