import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { apiError, json, mockApi, noContent, session, notePage } from "#test/api-mock";
import { renderApp } from "#test/render-app";

describe("verify email", () => {
  it("confirms the address from the link with one click", async () => {
    const api = mockApi({
      "GET /api/auth/session": () => json(200, null),
      "POST /api/auth/verify-email": () => noContent(),
    });
    const clicker = userEvent.setup();
    renderApp("/verify-email?token=t0k3n");
    await clicker.click(await screen.findByRole("button", { name: "Confirm my email address" }));

    expect(
      await screen.findByRole("heading", { name: "Email address confirmed" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Continue to sign in" })).toHaveAttribute(
      "href",
      "/sign-in",
    );
    const request = api.requests.find((r) => r.method === "POST");
    expect(await request?.json()).toEqual({ token: "t0k3n" });
  });

  it("says when the link is no good", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, null),
      "POST /api/auth/verify-email": () =>
        apiError(400, "invalid_token", "This link is invalid, has expired or was already used"),
    });
    const clicker = userEvent.setup();
    renderApp("/verify-email?token=old");
    await clicker.click(await screen.findByRole("button", { name: "Confirm my email address" }));

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "This link is invalid, has expired or was already used",
    );
  });
});

describe("forgotten password", () => {
  it("answers the same for any address", async () => {
    const message = "If an account uses this address, we sent it a link to choose a new password.";
    mockApi({
      "GET /api/auth/session": () => json(200, null),
      "POST /api/auth/password-reset": () => json(202, { message }),
    });
    const clicker = userEvent.setup();
    renderApp("/sign-in");
    await clicker.click(await screen.findByRole("link", { name: "Forgot your password?" }));
    await clicker.type(await screen.findByLabelText("Email"), "ada@example.com");
    await clicker.click(screen.getByRole("button", { name: "Send me a link" }));

    expect(await screen.findByRole("heading", { name: "Check your inbox" })).toBeInTheDocument();
    expect(screen.getByText(message)).toBeInTheDocument();
  });

  it("sets the new password from the link and signs in", async () => {
    const api = mockApi({
      "GET /api/auth/session": () => json(200, null),
      "POST /api/auth/password-reset/confirm": () => json(200, session()),
      "GET /api/notes": () => json(200, notePage([])),
    });
    const clicker = userEvent.setup();
    renderApp("/reset-password?token=r3s3t");
    await clicker.type(await screen.findByLabelText("New password"), "violet lanterns hum");
    await clicker.click(screen.getByRole("button", { name: "Set password and sign in" }));

    expect(await screen.findByRole("heading", { name: "No notes yet" })).toBeInTheDocument();
    const request = api.requests.find((r) => r.method === "POST");
    expect(await request?.json()).toEqual({ token: "r3s3t", password: "violet lanterns hum" });
  });
});
