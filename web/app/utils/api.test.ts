import { describe, expect, it } from "vitest";

import { apiError, json, mockApi, noContent, notePage } from "#test/api-mock";
import { ApiError, NETWORK_ERROR } from "./api-error";
import { createNote, deleteNote, listNotes, unwrap } from "./api";

describe("unwrap", () => {
  it("returns the data of a successful call", async () => {
    mockApi({ "GET /api/notes": () => json(200, notePage([])) });
    await expect(unwrap(listNotes())).resolves.toEqual(notePage([]));
  });

  it("accepts an empty 204 response", async () => {
    mockApi({ "DELETE /api/notes/note_1": () => noContent() });
    await expect(unwrap(deleteNote({ path: { note_id: "note_1" } }))).resolves.toBeDefined();
  });

  it("throws an ApiError with the parsed 422 body", async () => {
    mockApi({
      "POST /api/notes": () =>
        apiError(422, "validation_error", "Invalid input", [
          { field: "title", message: "Must not be empty" },
        ]),
    });
    const error: unknown = await unwrap(createNote({ body: { title: "", body: "" } })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 422,
      code: "validation_error",
      requestId: "0123456789abcdef0123456789abcdef",
      fields: [{ field: "title", message: "Must not be empty" }],
    });
  });

  it("turns a failed fetch into a network ApiError", async () => {
    mockApi({
      "GET /api/notes": () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(unwrap(listNotes())).rejects.toMatchObject({ status: 0, code: NETWORK_ERROR });
  });
});
