import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { apiError, json, mockApi, session, notePage } from "#test/api-mock";
import { renderApp } from "#test/render-app";

const signedOut = () => json(200, null);

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  await user.type(await screen.findByLabelText("Email"), email);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("sign in", () => {
  it("shows the API's validation errors inline and focuses the first invalid field", async () => {
    mockApi({
      "GET /api/auth/session": signedOut,
      "POST /api/auth/sign-in": () =>
        apiError(422, "validation_error", "Invalid input", [
          { field: "email", message: "value is not a valid email address" },
        ]),
    });
    renderApp("/sign-in");
    await fillAndSubmit("not-an-email", "secret");

    const email = screen.getByLabelText("Email");
    expect(await screen.findByText("Value is not a valid email address")).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveAccessibleDescription("Value is not a valid email address");
    await waitFor(() => expect(email).toHaveFocus());
    expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "false");
  });

  it("shows wrong credentials in an alert", async () => {
    mockApi({
      "GET /api/auth/session": signedOut,
      "POST /api/auth/sign-in": () =>
        apiError(401, "invalid_credentials", "Wrong email or password."),
    });
    renderApp("/sign-in");
    await fillAndSubmit("ada@example.com", "wrong-password");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Wrong email or password.");
    expect(alert).not.toHaveTextContent("Request ID");
    await waitFor(() => expect(alert).toHaveFocus());
  });

  it("quotes the request id when the server fails", async () => {
    mockApi({
      "GET /api/auth/session": signedOut,
      "POST /api/auth/sign-in": () => apiError(500, "internal_error", "Internal error"),
    });
    renderApp("/sign-in");
    await fillAndSubmit("ada@example.com", "correct horse");
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Request ID: 0123456789abcdef0123456789abcdef",
    );
  });

  it("signs in and goes back to the page that asked for it", async () => {
    const api = mockApi({
      "GET /api/auth/session": signedOut,
      "POST /api/auth/sign-in": () => json(200, session()),
      "GET /api/notes": () => json(200, notePage([])),
    });
    renderApp("/sign-in?next=%2Fnotes%3Fq%3D1");
    await fillAndSubmit("ada@example.com", "correct horse");

    expect(await screen.findByRole("heading", { name: "Your notes" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent("/notes?q=1");
    const signIn = api.requests.find((r) => r.url.endsWith("/api/auth/sign-in"));
    expect(await signIn?.json()).toEqual({ email: "ada@example.com", password: "correct horse" });
    // The header now knows who is signed in, without asking the API again.
    expect(screen.getByRole("button", { name: "Sign out" })).toBeInTheDocument();
    expect(api.requests.filter((r) => r.url.endsWith("/api/auth/session"))).toHaveLength(1);
  });

  it("never follows a next parameter off the site", async () => {
    mockApi({
      "GET /api/auth/session": signedOut,
      "POST /api/auth/sign-in": () => json(200, session()),
      "GET /api/notes": () => json(200, notePage([])),
    });
    renderApp("/sign-in?next=https%3A%2F%2Fevil.example%2F");
    await fillAndSubmit("ada@example.com", "correct horse");
    expect(await screen.findByRole("heading", { name: "Your notes" })).toBeInTheDocument();
    expect(screen.getByTestId("location")).toHaveTextContent(/^\/notes$/);
  });

  it("sends signed-in users to their notes", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/notes": () => json(200, notePage([])),
    });
    renderApp("/sign-in");
    expect(await screen.findByRole("heading", { name: "Your notes" })).toBeInTheDocument();
  });
});
