import { FormField } from "~/components/form-field";
import { Input } from "~/components/ui/input";
import { Textarea } from "~/components/ui/textarea";
import { BODY_MAX, TITLE_MAX } from "~/helpers/notes/note-form";
import type { NoteCreate } from "~/utils/api";
import type { FormError } from "~/utils/form-error";

/** Title and body inputs shared by the create and edit forms. */
export function NoteFields({
  error,
  defaults,
}: {
  error: FormError | undefined;
  defaults?: NoteCreate;
}) {
  return (
    <>
      <FormField label="Title" error={error?.fields.title} maxLength={TITLE_MAX}>
        {(control) => <Input {...control} name="title" required defaultValue={defaults?.title} />}
      </FormField>
      <FormField label="Body" error={error?.fields.body} maxLength={BODY_MAX}>
        {(control) => <Textarea {...control} name="body" rows={5} defaultValue={defaults?.body} />}
      </FormField>
    </>
  );
}
