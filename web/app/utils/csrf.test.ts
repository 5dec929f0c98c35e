import { describe, expect, it } from "vitest";

import { mockApi, noContent, json, session } from "#test/api-mock";
import { CSRF_HEADER, attachCsrfToken } from "./csrf";
import { createNote, getCurrentSession, signOut, unwrap } from "./api";

describe("attachCsrfToken", () => {
  it("copies the csrftoken cookie into the header of unsafe requests", () => {
    document.cookie = "csrftoken=t0k3n";
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const request = attachCsrfToken(new Request("http://localhost/api/x", { method }));
      expect(request.headers.get(CSRF_HEADER)).toBe("t0k3n");
    }
  });

  it("leaves safe requests alone", () => {
    document.cookie = "csrftoken=t0k3n";
    const request = attachCsrfToken(new Request("http://localhost/api/x"));
    expect(request.headers.has(CSRF_HEADER)).toBe(false);
  });

  it("sends no header when the cookie is missing", () => {
    const request = attachCsrfToken(new Request("http://localhost/api/x", { method: "POST" }));
    expect(request.headers.has(CSRF_HEADER)).toBe(false);
  });
});

describe("the configured API client", () => {
  it("sends the CSRF header and same-origin credentials on mutations", async () => {
    document.cookie = "csrftoken=abc%20def";
    const api = mockApi({
      "POST /api/notes": () =>
        json(201, { id: "note_1", title: "t", body: "", created_at: "", updated_at: "" }),
      "POST /api/auth/sign-out": () => noContent(),
    });
    await unwrap(createNote({ body: { title: "t", body: "" } }));
    await unwrap(signOut());
    expect(api.requests.map((r) => r.headers.get(CSRF_HEADER))).toEqual(["abc def", "abc def"]);
    expect(api.requests.every((r) => r.credentials === "same-origin")).toBe(true);
  });

  it("does not send the CSRF header on reads", async () => {
    document.cookie = "csrftoken=abc";
    const api = mockApi({ "GET /api/auth/session": () => json(200, session()) });
    await unwrap(getCurrentSession());
    expect(api.requests[0]?.headers.has(CSRF_HEADER)).toBe(false);
  });
});
