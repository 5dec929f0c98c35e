import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { apiError, json, mockApi, noContent, session, notePage } from "#test/api-mock";
import { renderApp } from "#test/render-app";
import type { NoteRead } from "~/utils/api";

const NOTE_ID = "note_01h455vb4pex5vsknk084sn02q";
const MISSING_ID = "note_01h455vb4pex5vsknk084sn0zz";

const groceries: NoteRead = {
  id: NOTE_ID,
  title: "Groceries",
  body: "Milk\nEggs",
  created_at: "2026-03-04T09:15:00Z",
  updated_at: "2026-03-04T09:15:00Z",
};

function api(extra = {}) {
  return mockApi({
    "GET /api/auth/session": () => json(200, session()),
    [`GET /api/notes/${NOTE_ID}`]: () => json(200, groceries),
    "GET /api/notes": () => json(200, notePage([])),
    ...extra,
  });
}

describe("note page", () => {
  it("shows the note", async () => {
    api();
    renderApp(`/notes/${NOTE_ID}`);
    expect(await screen.findByRole("heading", { name: "Groceries", level: 1 })).toBeInTheDocument();
    expect(screen.getByText(/Milk/)).toHaveTextContent("Milk Eggs");
  });

  it("says so when the note does not exist", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      [`GET /api/notes/${MISSING_ID}`]: () => apiError(404, "not_found", "Note not found"),
    });
    renderApp(`/notes/${MISSING_ID}`);
    expect(await screen.findByRole("heading", { name: "Not found" })).toBeInTheDocument();
  });

  it("shows Page not found for an address that cannot name a note, without asking the API", async () => {
    const { requests } = mockApi({ "GET /api/auth/session": () => json(200, session()) });
    renderApp("/notes/garbage");
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(["/api/auth/session"]);
  });

  it("deletes only after confirmation", async () => {
    const requests = api({ [`DELETE /api/notes/${NOTE_ID}`]: () => noContent() }).requests;
    const user = userEvent.setup();
    renderApp(`/notes/${NOTE_ID}`);

    await user.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Delete this note?" });
    expect(dialog).toHaveTextContent("“Groceries” will be deleted for good.");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("alertdialog")).not.toBeInTheDocument();
    // Radix hands focus back to the button that opened the dialog.
    await waitFor(() => {
      expect(screen.getByRole("button", { name: "Delete" })).toHaveFocus();
    });
    expect(requests.some((r) => r.method === "DELETE")).toBe(false);

    await user.click(screen.getByRole("button", { name: "Delete" }));
    await user.click(await screen.findByRole("button", { name: "Delete note" }));
    expect(await screen.findByRole("heading", { name: "Your notes" })).toBeInTheDocument();
    expect(requests.filter((r) => r.method === "DELETE").map((r) => r.url)).toEqual([
      `${location.origin}/api/notes/${NOTE_ID}`,
    ]);
  });

  it("edits the note and returns to reading it", async () => {
    let current = groceries;
    const { requests } = api({
      [`GET /api/notes/${NOTE_ID}`]: () => json(200, current),
      [`PATCH /api/notes/${NOTE_ID}`]: async (request: Request) => {
        current = { ...current, ...((await request.json()) as Partial<NoteRead>) };
        return json(200, current);
      },
    });
    const user = userEvent.setup();
    renderApp(`/notes/${NOTE_ID}`);

    await user.click(await screen.findByRole("link", { name: "Edit" }));
    const title = await screen.findByLabelText("Title");
    expect(title).toHaveValue("Groceries");
    await user.clear(title);
    await user.type(title, "Shopping");
    await user.click(screen.getByRole("button", { name: "Save changes" }));

    expect(await screen.findByRole("heading", { name: "Shopping", level: 1 })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(new RegExp(`^/notes/${NOTE_ID}$`));
    const patch = requests.find((r) => r.method === "PATCH");
    expect(await patch?.json()).toEqual({ title: "Shopping", body: "Milk\nEggs" });
  });
});
