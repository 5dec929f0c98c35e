import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { apiError, json, mockApi, session } from "#test/api-mock";
import { renderApp } from "#test/render-app";
import type { NoteRead } from "~/utils/api";

const note = (id: string, title: string, body = ""): NoteRead => ({
  id,
  title,
  body,
  created_at: "2026-03-04T09:15:00Z",
  updated_at: "2026-03-04T09:15:00Z",
});

describe("notes list", () => {
  it("invites a new user to write a first note", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": () => json(200, []),
    });
    renderApp("/notes");
    expect(await screen.findByRole("heading", { name: "No notes yet" })).toBeInTheDocument();
    expect(screen.getByText("0 notes")).toBeInTheDocument();
  });

  it("lists notes with links to them", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": () =>
        json(200, [note("note_2", "Second", "Body text"), note("note_1", "First")]),
    });
    renderApp("/notes");
    const list = within(await screen.findByRole("region", { name: "All notes" }));
    expect(list.getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual([
      "/notes/note_2",
      "/notes/note_1",
    ]);
    expect(list.getByText("Body text")).toBeInTheDocument();
  });

  it("dates each note by its creation, the order the list is in", async () => {
    const edited = { ...note("note_1", "Edited"), updated_at: "2026-05-01T12:00:00Z" };
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": () => json(200, [edited]),
    });
    renderApp("/notes");
    const list = within(await screen.findByRole("region", { name: "All notes" }));
    expect(list.getByText(/^Created/)).toContainElement(
      list.getByText((_, element) => element?.getAttribute("datetime") === edited.created_at),
    );
  });

  it("shows the API's 422 errors next to the fields", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": () => json(200, []),
      "POST /api/notes": () =>
        apiError(422, "validation_error", "Invalid input", [
          { field: "title", message: "Must not be empty" },
        ]),
    });
    renderApp("/notes");
    await userEvent.click(await screen.findByRole("button", { name: "Add note" }));

    const title = screen.getByLabelText("Title");
    expect(await screen.findByText("Must not be empty")).toBeInTheDocument();
    expect(title).toHaveAttribute("aria-invalid", "true");
    expect(title).toHaveFocus();
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
  });

  it("adds a note, refreshes the list and clears the form for the next one", async () => {
    const notes: NoteRead[] = [];
    const api = mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": () => json(200, notes),
      "POST /api/notes": async (request) => {
        const body = (await request.json()) as { title: string; body: string };
        const created = note("note_9", body.title, body.body);
        notes.unshift(created);
        return json(201, created);
      },
    });
    const user = userEvent.setup();
    renderApp("/notes");
    await user.type(await screen.findByLabelText("Title"), "Groceries");
    await user.type(screen.getByLabelText("Body"), "Milk, eggs");
    await user.click(screen.getByRole("button", { name: "Add note" }));

    expect(await screen.findByRole("link", { name: /Groceries/ })).toHaveAttribute(
      "href",
      "/notes/note_9",
    );
    expect(screen.getByLabelText("Title")).toHaveValue("");
    expect(screen.getByLabelText("Body")).toHaveValue("");
    expect(screen.getByLabelText("Title")).toHaveFocus();
    const post = api.requests.find((r) => r.method === "POST");
    expect(await post?.json()).toEqual({ title: "Groceries", body: "Milk, eggs" });
  });
});
