import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { apiError, json, mockApi, session } from "#test/api-mock";
import { renderApp } from "#test/render-app";

describe("protected pages", () => {
  it("send visitors to sign in, remembering where they were going", async () => {
    mockApi({ "GET /api/auth/session": () => json(200, null) });
    renderApp("/notes/note_1?edit");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(
      "/sign-in?next=%2Fnotes%2Fnote_1%3Fedit",
    );
  });

  it("send users whose session ended to sign in and back", async () => {
    let sessionAlive = true;
    mockApi({
      "GET /api/auth/session": () => json(200, sessionAlive ? session() : null),
      "GET /api/notes": () => {
        sessionAlive = false;
        return apiError(401, "unauthenticated", "Not signed in");
      },
    });
    renderApp("/notes");
    expect(await screen.findByRole("heading", { name: "Sign in" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/sign-in?next=%2Fnotes");
    // The header has forgotten the old session too.
    expect(screen.queryByRole("button", { name: "Sign out" })).not.toBeInTheDocument();
  });

  it("show other API failures with the request id", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": () => apiError(500, "internal_error", "Database exploded"),
    });
    renderApp("/notes");
    expect(
      await screen.findByRole("heading", { name: "Something went wrong" }),
    ).toBeInTheDocument();
    expect(screen.getByText("0123456789abcdef0123456789abcdef")).toBeInTheDocument();
    expect(screen.queryByText(/Database exploded/)).not.toBeInTheDocument();
  });

  it("show the not-found page for unknown paths", async () => {
    mockApi({ "GET /api/auth/session": () => json(200, null) });
    renderApp("/no/such/page");
    expect(await screen.findByRole("heading", { name: "Page not found" })).toBeInTheDocument();
  });
});
