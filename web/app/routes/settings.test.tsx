import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { activeSession, apiError, json, mockApi, noContent, session, user } from "#test/api-mock";
import { renderApp } from "#test/render-app";

describe("settings page", () => {
  it("renames the user everywhere", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/me/sessions": () => json(200, [activeSession()]),
      "PATCH /api/me": () => json(200, user({ name: "Ada King" })),
    });
    const clicker = userEvent.setup();
    renderApp("/settings");
    const name = await screen.findByLabelText("Name");
    await clicker.clear(name);
    await clicker.type(name, "Ada King");
    await clicker.click(screen.getByRole("button", { name: "Save profile" }));

    expect(await screen.findByText("Profile saved.")).toBeInTheDocument();
    expect(screen.getByRole("banner")).toHaveTextContent("Ada King");
  });

  it("shows a wrong current password next to that field", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/me/sessions": () => json(200, [activeSession()]),
      "POST /api/me/password": () =>
        apiError(400, "invalid_password", "The current password is wrong."),
    });
    const clicker = userEvent.setup();
    renderApp("/settings");
    await clicker.type(await screen.findByLabelText("Current password"), "nope");
    await clicker.type(screen.getByLabelText("New password"), "a much better one");
    await clicker.click(screen.getByRole("button", { name: "Change password" }));

    const current = screen.getByLabelText("Current password");
    expect(await screen.findByText("The current password is wrong.")).toBeInTheDocument();
    expect(current).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(current).toHaveFocus());
    // The profile form is unaffected.
    expect(screen.getByLabelText("Name")).toHaveAttribute("aria-invalid", "false");
  });

  it("clears the password form after a change", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/me/sessions": () => json(200, [activeSession()]),
      "POST /api/me/password": () => noContent(),
    });
    const clicker = userEvent.setup();
    renderApp("/settings");
    await clicker.type(await screen.findByLabelText("Current password"), "old password");
    await clicker.type(screen.getByLabelText("New password"), "new password");
    await clicker.click(screen.getByRole("button", { name: "Change password" }));

    expect(await screen.findByText("Password changed.")).toBeInTheDocument();
    expect(screen.getByLabelText("Current password")).toHaveValue("");
    expect(screen.getByLabelText("New password")).toHaveValue("");
  });

  it("lists the sessions and signs out another one", async () => {
    const phone = activeSession({
      id: "session_01h455vb4pex5vsknk084sn02r",
      current: false,
      user_agent: "Mozilla/5.0 (Linux; Android 14) Chrome/126.0 Mobile Safari/537.36",
      ip_address: "198.51.100.7",
    });
    let sessions = [activeSession(), phone];
    const api = mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/me/sessions": () => json(200, sessions),
      [`DELETE /api/me/sessions/${phone.id}`]: () => {
        sessions = [activeSession()];
        return noContent();
      },
    });
    const clicker = userEvent.setup();
    renderApp("/settings");
    const list = await screen.findByRole("list", { name: "Sessions" });
    expect(list).toHaveTextContent("This browser");
    expect(list).toHaveTextContent("Chrome on Android");
    expect(list).toHaveTextContent("198.51.100.7");

    await clicker.click(screen.getByRole("button", { name: /^Sign out Chrome on Android/ }));

    expect(await screen.findByText("Signed out.")).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "Sessions" })).not.toHaveTextContent("Android");
    expect(api.requests.some((r) => r.method === "DELETE")).toBe(true);
    expect(screen.queryByRole("button", { name: "Sign out everywhere else" })).toBeNull();
  });
});
