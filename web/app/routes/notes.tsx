import { Form } from "react-router";

import type { Route } from "./+types/notes";
import { FormAlert } from "~/components/form-alert";
import { NoteFields } from "~/components/notes/note-fields";
import { NoteList } from "~/components/notes/note-list";
import { SubmitButton } from "~/components/submit-button";
import { Button } from "~/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "~/components/ui/card";
import { NOTE_FIELDS, readNoteForm } from "~/helpers/notes/note-form";
import { useFocusFirstError } from "~/hooks/use-focus-first-error";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { useMorePages } from "~/hooks/use-more-pages";
import { useResetOnSuccess } from "~/hooks/use-reset-on-success";
import { createNote, listNotes, unwrap } from "~/utils/api";
import { toFormError } from "~/utils/form-error";
import { pageTitle } from "~/utils/meta";

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Notes") }];

export async function clientLoader() {
  return { firstPage: await unwrap(listNotes()) };
}

function loadNotesAfter(cursor: string) {
  return unwrap(listNotes({ query: { cursor } }));
}

export async function clientAction({ request }: Route.ClientActionArgs) {
  const formData = await request.formData();
  try {
    await unwrap(createNote({ body: readNoteForm(formData) }));
    return { ok: true as const };
  } catch (error) {
    return { ok: false as const, error: toFormError(error, { fields: NOTE_FIELDS }) };
  }
}

export default function Notes({ loaderData, actionData }: Route.ComponentProps) {
  const {
    items: notes,
    hasMore,
    loading,
    error: moreError,
    loadMore,
  } = useMorePages(loaderData.firstPage, loadNotesAfter);
  const error = actionData?.ok === false ? actionData.error : undefined;
  const pending = useIsSubmitting();
  const formRef = useFocusFirstError(error);
  useResetOnSuccess(formRef, actionData, "title");

  return (
    <div className="grid gap-6">
      <div className="flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Your notes</h1>
        <p className="text-sm text-muted-foreground">
          {hasMore
            ? `Newest ${notes.length} shown`
            : `${notes.length} ${notes.length === 1 ? "note" : "notes"}`}
        </p>
      </div>
      <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <Card className="lg:sticky lg:top-6 lg:col-start-2 lg:row-start-1">
          <CardHeader>
            <CardTitle>New note</CardTitle>
          </CardHeader>
          <CardContent>
            <Form method="post" ref={formRef} className="grid gap-4" noValidate>
              <FormAlert error={error} />
              <NoteFields error={error} />
              <SubmitButton pending={pending} pendingText="Adding…">
                Add note
              </SubmitButton>
            </Form>
          </CardContent>
        </Card>
        <section aria-label="All notes" className="lg:col-start-1 lg:row-start-1">
          <NoteList notes={notes} />
          <div className="mt-4 grid gap-3">
            <FormAlert error={moreError} />
            {hasMore && (
              <Button variant="outline" onClick={() => void loadMore()} disabled={loading}>
                {loading ? "Loading…" : "Load more notes"}
              </Button>
            )}
          </div>
        </section>
      </div>
    </div>
  );
}
