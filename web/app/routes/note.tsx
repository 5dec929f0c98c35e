import { ArrowLeft, Pencil } from "lucide-react";
import { Form, Link, redirect, useSearchParams } from "react-router";

import type { Route } from "./+types/note";
import { FormAlert } from "~/components/form-alert";
import { DeleteNoteButton } from "~/components/notes/delete-note-button";
import { NoteFields } from "~/components/notes/note-fields";
import { SubmitButton } from "~/components/submit-button";
import { ButtonLink } from "~/components/ui/button";
import { isNoteId, NOTE_FIELDS, readNoteForm } from "~/helpers/notes/note-form";
import { useFocusFirstError } from "~/hooks/use-focus-first-error";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { formatDateTime } from "~/lib/format-date";
import { readText } from "~/lib/form-data";
import { deleteNote, getNote, type NoteRead, unwrap, updateNote } from "~/utils/api";
import { toFormError } from "~/utils/form-error";
import { pageTitle } from "~/utils/meta";

export const meta: Route.MetaFunction = (args) => {
  // The types promise loader data, but meta also runs when the loader failed and the layout's
  // error boundary shows instead (a missing note, an ended session).
  const loaderData = args.loaderData as Route.MetaArgs["loaderData"] | undefined;
  return [{ title: pageTitle(loaderData?.note.title ?? "Note") }];
};

export async function clientLoader({ params }: Route.ClientLoaderArgs) {
  // An address that cannot name a note is a missing page, without asking the API.
  if (!isNoteId(params.noteId)) throw new Response(null, { status: 404 });
  return { note: await unwrap(getNote({ path: { note_id: params.noteId } })) };
}

export async function clientAction({ request, params }: Route.ClientActionArgs) {
  const formData = await request.formData();
  const path = { note_id: params.noteId };
  if (readText(formData, "intent") === "delete") {
    await unwrap(deleteNote({ path }));
    return redirect("/notes");
  }
  try {
    await unwrap(updateNote({ path, body: readNoteForm(formData) }));
  } catch (error) {
    return { error: toFormError(error, { fields: NOTE_FIELDS }) };
  }
  // Dropping ?edit returns to reading the saved note.
  return redirect(`/notes/${params.noteId}`);
}

export default function Note({ loaderData, actionData }: Route.ComponentProps) {
  const { note } = loaderData;
  const [searchParams] = useSearchParams();
  const editing = searchParams.has("edit");
  const error = actionData?.error;
  const saving = useIsSubmitting({ intent: "update" });
  const formRef = useFocusFirstError(error);

  return (
    <article className="mx-auto grid max-w-3xl gap-6">
      <Link
        to="/notes"
        className="flex w-fit items-center gap-1 rounded-md text-sm text-muted-foreground hover:text-foreground"
      >
        <ArrowLeft aria-hidden className="size-4" />
        All notes
      </Link>
      {editing ? (
        <Form method="post" ref={formRef} className="grid gap-4" noValidate>
          <h1 className="text-2xl font-semibold tracking-tight">Edit note</h1>
          <FormAlert error={error} />
          <input type="hidden" name="intent" value="update" />
          <NoteFields error={error} defaults={note} />
          <div className="flex gap-2">
            <SubmitButton pending={saving} pendingText="Saving…">
              Save changes
            </SubmitButton>
            <ButtonLink variant="outline" to="." replace>
              Cancel
            </ButtonLink>
          </div>
        </Form>
      ) : (
        <>
          <header className="flex flex-wrap items-start justify-between gap-4">
            <div className="grid min-w-0 gap-1">
              <h1 className="text-2xl font-semibold tracking-tight wrap-anywhere">{note.title}</h1>
              <NoteDates note={note} />
            </div>
            <div className="flex gap-2">
              <ButtonLink variant="outline" to="?edit">
                <Pencil aria-hidden />
                Edit
              </ButtonLink>
              <DeleteNoteButton title={note.title} />
            </div>
          </header>
          {note.body ? (
            <div className="leading-relaxed wrap-anywhere whitespace-pre-wrap">{note.body}</div>
          ) : (
            <p className="text-muted-foreground italic">This note has no body.</p>
          )}
        </>
      )}
    </article>
  );
}

/** When the note was written and, if it has changed since, when it was last edited. */
function NoteDates({ note }: { note: NoteRead }) {
  const created = formatDateTime(note.created_at);
  const updated = formatDateTime(note.updated_at);
  return (
    <p className="text-sm text-muted-foreground">
      Created <time dateTime={note.created_at}>{created}</time>
      {/* Both are stamped on creation a moment apart; only a later edit shows. */}
      {updated !== created && (
        <>
          {" · "}Edited <time dateTime={note.updated_at}>{updated}</time>
        </>
      )}
    </p>
  );
}
