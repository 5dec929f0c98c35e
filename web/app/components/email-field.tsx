import { FormField } from "~/components/form-field";
import { Input } from "~/components/ui/input";

/** The account's email address, as signing in, signing up and asking for a reset take it. */
export function EmailField({ error }: { error?: string }) {
  return (
    <FormField label="Email" error={error}>
      {(control) => <Input {...control} name="email" type="email" autoComplete="email" required />}
    </FormField>
  );
}
