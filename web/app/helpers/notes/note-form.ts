import { readText } from "~/lib/form-data";
import type { NoteCreate } from "~/utils/api";

export const NOTE_FIELDS = ["title", "body"] as const;
export const TITLE_MAX = 200;
export const BODY_MAX = 20000;
// A TypeID: the prefix, then 26 Crockford base32 characters, the first 0-7 (app/ids.py).
const NOTE_ID = /^note_[0-7][0-9a-hjkmnp-tv-z]{25}$/;

/** Whether a URL segment can be a note's id at all. */
export function isNoteId(value: string): boolean {
  return NOTE_ID.test(value);
}

/** The note fields of a submitted create or edit form, as the API expects them. */
export function readNoteForm(formData: FormData): NoteCreate {
  return { title: readText(formData, "title"), body: readText(formData, "body") };
}

/**
 * The start of a note for the list, cut at a word boundary. Line breaks survive (a list of
 * books should not run together) but blank lines and runs of spaces do not.
 */
export function noteExcerpt(body: string, maxLength = 160): string {
  const text = body
    .split("\n")
    .map((line) => line.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n");
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength);
  const lastSpace = Math.max(cut.lastIndexOf(" "), cut.lastIndexOf("\n"));
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).trimEnd()}…`;
}
