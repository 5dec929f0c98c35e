import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { apiError, json, mockApi } from "#test/api-mock";
import { renderApp } from "#test/render-app";

async function signUp(email: string) {
  const clicker = userEvent.setup();
  await clicker.type(await screen.findByLabelText("Name"), "Ada Lovelace");
  await clicker.type(screen.getByLabelText("Email"), email);
  await clicker.type(screen.getByLabelText("Password"), "correct horse");
  await clicker.click(screen.getByRole("button", { name: "Create account" }));
}

describe("sign up", () => {
  it("shows the password policy's message next to the password", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, null),
      "POST /api/auth/sign-up": () =>
        apiError(422, "validation_error", "The request is not valid", [
          {
            field: "password",
            message: "This is a commonly used password; choose one that is not",
          },
        ]),
    });
    renderApp("/sign-up");
    await signUp("ada@example.com");

    const password = screen.getByLabelText("Password");
    expect(
      await screen.findByText("This is a commonly used password; choose one that is not"),
    ).toBeInTheDocument();
    expect(password).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(password).toHaveFocus());
  });

  it("asks the new user to check their inbox, signing nobody in", async () => {
    const api = mockApi({
      "GET /api/auth/session": () => json(200, null),
      "POST /api/auth/sign-up": () =>
        json(202, { message: "Check your inbox: we sent you an email to continue." }),
    });
    renderApp("/sign-up");
    await signUp("ada@example.com");

    expect(await screen.findByRole("heading", { name: "Check your inbox" })).toBeInTheDocument();
    expect(
      screen.getByText("Check your inbox: we sent you an email to continue."),
    ).toBeInTheDocument();
    expect(screen.getByText("ada@example.com")).toBeInTheDocument();
    expect(api.requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "GET /api/auth/session",
      "POST /api/auth/sign-up",
    ]);
  });
});
