import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { apiError, json, mockApi, session } from "#test/api-mock";
import { renderApp } from "#test/render-app";

async function signUp(email: string) {
  const clicker = userEvent.setup();
  await clicker.type(await screen.findByLabelText("Name"), "Ada Lovelace");
  await clicker.type(screen.getByLabelText("Email"), email);
  await clicker.type(screen.getByLabelText("Password"), "correct horse");
  await clicker.click(screen.getByRole("button", { name: "Create account" }));
}

describe("sign up", () => {
  it("shows a taken email next to the email field", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, null),
      "POST /api/auth/sign-up": () =>
        apiError(409, "conflict", "That email is already registered."),
    });
    renderApp("/sign-up");
    await signUp("ada@example.com");

    const email = screen.getByLabelText("Email");
    expect(await screen.findByText("That email is already registered.")).toBeInTheDocument();
    expect(email).toHaveAttribute("aria-invalid", "true");
    expect(email).toHaveFocus();
  });

  it("signs the new user in and opens their notes", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, null),
      "POST /api/auth/sign-up": () => json(201, session()),
      "GET /api/notes": () => json(200, []),
    });
    renderApp("/sign-up");
    await signUp("ada@example.com");
    expect(await screen.findByRole("heading", { name: "No notes yet" })).toBeInTheDocument();
  });
});
