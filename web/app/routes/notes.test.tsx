import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { apiError, json, mockApi, session, notePage } from "#test/api-mock";
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
      "GET /api/notes": () => json(200, notePage([])),
    });
    renderApp("/notes");
    expect(await screen.findByRole("heading", { name: "No notes yet" })).toBeInTheDocument();
    expect(screen.getByText("0 notes")).toBeInTheDocument();
  });

  it("lists notes with links to them", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": () =>
        json(200, notePage([note("note_2", "Second", "Body text"), note("note_1", "First")])),
    });
    renderApp("/notes");
    const list = within(await screen.findByRole("region", { name: "All notes" }));
    expect(list.getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual([
      "/notes/note_2",
      "/notes/note_1",
    ]);
    expect(list.getByText("Body text")).toBeInTheDocument();
  });

  it("loads older notes on demand, a page at a time, until there are no more", async () => {
    const api = mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": (request) => {
        const cursor = new URL(request.url).searchParams.get("cursor");
        if (cursor === null) return json(200, notePage([note("note_3", "Third")], "after-3"));
        if (cursor === "after-3") return json(200, notePage([note("note_2", "Second")], "after-2"));
        return json(200, notePage([note("note_1", "First")]));
      },
    });
    const user = userEvent.setup();
    renderApp("/notes");
    const list = within(await screen.findByRole("region", { name: "All notes" }));
    expect(screen.getByText("Newest 1 shown")).toBeInTheDocument();

    await user.click(list.getByRole("button", { name: "Load more notes" }));
    expect(await list.findByRole("link", { name: /Second/ })).toBeInTheDocument();
    await user.click(list.getByRole("button", { name: "Load more notes" }));
    expect(await list.findByRole("link", { name: /First/ })).toBeInTheDocument();

    expect(list.getAllByRole("link").map((a) => a.getAttribute("href"))).toEqual([
      "/notes/note_3",
      "/notes/note_2",
      "/notes/note_1",
    ]);
    expect(list.queryByRole("button", { name: "Load more notes" })).not.toBeInTheDocument();
    expect(screen.getByText("3 notes")).toBeInTheDocument();
    const cursors = api.requests
      .filter((r) => new URL(r.url).pathname === "/api/notes")
      .map((r) => new URL(r.url).searchParams.get("cursor"));
    expect(cursors).toEqual([null, "after-3", "after-2"]);
  });

  it("says so when the next page fails to load, and lets the user try again", async () => {
    let failing = true;
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": (request) => {
        if (!new URL(request.url).searchParams.has("cursor")) {
          return json(200, notePage([note("note_2", "Second")], "after-2"));
        }
        return failing
          ? apiError(503, "service_unavailable", "The service is busy; try again shortly")
          : json(200, notePage([note("note_1", "First")]));
      },
    });
    const user = userEvent.setup();
    renderApp("/notes");
    const list = within(await screen.findByRole("region", { name: "All notes" }));
    await user.click(list.getByRole("button", { name: "Load more notes" }));
    expect(await list.findByRole("alert")).toHaveTextContent("The service is busy");

    failing = false;
    await user.click(list.getByRole("button", { name: "Load more notes" }));
    expect(await list.findByRole("link", { name: /First/ })).toBeInTheDocument();
    expect(list.queryByRole("alert")).not.toBeInTheDocument();
  });

  it("dates each note by its creation, the order the list is in", async () => {
    const edited = { ...note("note_1", "Edited"), updated_at: "2026-05-01T12:00:00Z" };
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": () => json(200, notePage([edited])),
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
      "GET /api/notes": () => json(200, notePage([])),
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
    await waitFor(() => expect(title).toHaveFocus());
    expect(screen.getByRole("alert")).toHaveTextContent("Please correct the highlighted fields.");
  });

  it("adds a note, refreshes the list and clears the form for the next one", async () => {
    const notes: NoteRead[] = [];
    const api = mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": () => json(200, notePage(notes)),
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
    await waitFor(() => expect(screen.getByLabelText("Title")).toHaveFocus());
    const post = api.requests.find((r) => r.method === "POST");
    expect(await post?.json()).toEqual({ title: "Groceries", body: "Milk, eggs" });
  });
});
