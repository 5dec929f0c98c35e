import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { apiError, json, mockApi, session, user, notePage } from "#test/api-mock";
import { renderApp } from "#test/render-app";
import type { Session } from "~/utils/api";

const admin = user({
  id: "user_admin",
  name: "Grace Hopper",
  email: "grace@example.com",
  role: "admin",
});
const ada = user();

describe("admin users page", () => {
  it("lists users with a way to log in as anyone but yourself", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session({ user: admin })),
      "GET /api/admin/users": () => json(200, [admin, ada]),
    });
    renderApp("/admin/users");
    const [, adminRow, adaRow] = await screen.findAllByRole("row");
    expect(adminRow).toHaveTextContent("Grace Hopper");
    expect(within(adminRow!).getByText("You")).toBeInTheDocument();
    expect(
      within(adaRow!).getByRole("button", { name: "Log in as Ada Lovelace (ada@example.com)" }),
    ).toBeEnabled();
  });

  it("tells non-admins they have no access", async () => {
    mockApi({
      "GET /api/auth/session": () => json(200, session()),
      "GET /api/admin/users": () => apiError(403, "forbidden", "Admins only"),
    });
    renderApp("/admin/users");
    expect(await screen.findByRole("heading", { name: "Access denied" })).toBeInTheDocument();
  });

  it("impersonates a user, shows the banner and stops again", async () => {
    let current: Session = session({ user: admin });
    const { requests } = mockApi({
      "GET /api/auth/session": () => json(200, current),
      "GET /api/admin/users": () => json(200, [admin, ada]),
      "GET /api/notes": () => json(200, notePage([])),
      [`POST /api/admin/impersonation/${ada.id}`]: () => {
        current = { user: ada, impersonator: admin };
        return json(200, current);
      },
      "DELETE /api/admin/impersonation": () => {
        current = { user: admin, impersonator: null };
        return json(200, current);
      },
    });
    const clicker = userEvent.setup();
    renderApp("/admin/users");

    await clicker.click(
      await screen.findByRole("button", { name: "Log in as Ada Lovelace (ada@example.com)" }),
    );
    const banner = await screen.findByRole("region", { name: "Impersonation" });
    expect(banner).toHaveTextContent("You are viewing the app as Ada Lovelace");
    expect(banner).toHaveTextContent("Signed in as Grace Hopper");
    expect(screen.getByTestId("location")).toHaveTextContent("/notes");
    expect(screen.queryByRole("link", { name: "Users" })).not.toBeInTheDocument();

    await clicker.click(within(banner).getByRole("button", { name: "Stop impersonating" }));
    expect(await screen.findByRole("heading", { name: "Users" })).toBeInTheDocument();
    expect(screen.queryByRole("region", { name: "Impersonation" })).not.toBeInTheDocument();
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toContain(
      "DELETE /api/admin/impersonation",
    );
  });
});
