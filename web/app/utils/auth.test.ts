import { describe, expect, it } from "vitest";

import { json, mockApi, session } from "#test/api-mock";
import { requireGuest, requireSession, safeNext, signInPath } from "./auth";

async function thrown(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

function location(response: unknown): string | null {
  expect(response).toBeInstanceOf(Response);
  return (response as Response).headers.get("Location");
}

describe("safeNext", () => {
  it.each(["/notes", "/notes/note_1?edit", "/settings#password"])(
    "keeps the local path %s",
    (path) => {
      expect(safeNext(path)).toBe(path);
    },
  );

  it.each([
    null,
    "",
    "notes",
    "https://evil.example",
    "//evil.example",
    "/\\evil.example",
    "javascript:alert(1)",
  ])("replaces %j with the notes page", (next) => {
    expect(safeNext(next)).toBe("/notes");
  });
});

describe("signInPath", () => {
  it("encodes where to come back to", () => {
    expect(signInPath({ pathname: "/notes/note_1", search: "?edit" })).toBe(
      "/sign-in?next=%2Fnotes%2Fnote_1%3Fedit",
    );
  });
});

describe("requireSession", () => {
  it("redirects a visitor to sign in with the page to come back to", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, null),
    });
    const response = await thrown(requireSession(new Request("http://localhost/settings?tab=1")));
    expect(location(response)).toBe("/sign-in?next=%2Fsettings%3Ftab%3D1");
  });

  it("returns the session of a signed-in user", async () => {
    mockApi({ "GET /api/auth/session": () => json(200, session()) });
    await expect(requireSession(new Request("http://localhost/notes"))).resolves.toEqual(session());
  });
});

describe("requireGuest", () => {
  it("sends a signed-in user to the notes", async () => {
    mockApi({ "GET /api/auth/session": () => json(200, session()) });
    expect(location(await thrown(requireGuest(new Request("http://localhost/sign-in"))))).toBe(
      "/notes",
    );
  });

  it("honours a safe next parameter", async () => {
    mockApi({ "GET /api/auth/session": () => json(200, session()) });
    const request = new Request("http://localhost/sign-in?next=%2Fsettings");
    expect(location(await thrown(requireGuest(request)))).toBe("/settings");
  });

  it("lets visitors through", async () => {
    mockApi({ "GET /api/auth/session": () => json(200, null) });
    await expect(requireGuest(new Request("http://localhost/sign-in"))).resolves.toBeUndefined();
  });
});
