import { NotebookText } from "lucide-react";
import { Link } from "react-router";

import { noteExcerpt } from "~/helpers/notes/note-form";
import { formatDateTime } from "~/lib/format-date";
import type { NoteRead } from "~/utils/api";

/** The user's notes, newest first by creation as the API lists them, or an invitation to write one. */
export function NoteList({ notes }: { notes: NoteRead[] }) {
  if (notes.length === 0) {
    return (
      <div className="flex flex-col items-center gap-2 rounded-xl border border-dashed px-6 py-14 text-center">
        <NotebookText aria-hidden className="size-8 text-muted-foreground" />
        <h2 className="font-semibold">No notes yet</h2>
        <p className="max-w-xs text-sm text-muted-foreground">
          Your notes will show up here. Write your first one with the form.
        </p>
      </div>
    );
  }
  return (
    <ul className="grid gap-3">
      {notes.map((note) => (
        <li key={note.id}>
          <Link
            to={`/notes/${note.id}`}
            className="block rounded-xl border bg-card p-4 shadow-xs transition-colors hover:bg-accent/60"
          >
            <h2 className="font-semibold wrap-anywhere">{note.title}</h2>
            {note.body && (
              <p className="mt-1 line-clamp-2 text-sm wrap-anywhere whitespace-pre-line text-muted-foreground">
                {noteExcerpt(note.body)}
              </p>
            )}
            <p className="mt-2 text-xs text-muted-foreground">
              Created <time dateTime={note.created_at}>{formatDateTime(note.created_at)}</time>
            </p>
          </Link>
        </li>
      ))}
    </ul>
  );
}
