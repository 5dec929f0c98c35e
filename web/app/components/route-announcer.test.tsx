import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createRoutesStub, Link, Outlet } from "react-router";
import { describe, expect, it } from "vitest";

import { RouteAnnouncer } from "./route-announcer";

function Shell() {
  return (
    <>
      <Link to="/next">Next page</Link>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <RouteAnnouncer mainId="main" />
    </>
  );
}

const Stub = createRoutesStub([
  {
    path: "/",
    Component: Shell,
    children: [
      { index: true, Component: () => <h1>First</h1> },
      {
        path: "next",
        Component: () => {
          document.title = "Next · Fullstack Flake";
          return <h1>Next</h1>;
        },
      },
    ],
  },
]);

describe("RouteAnnouncer", () => {
  it("stays quiet on the first page", async () => {
    render(<Stub />);
    await screen.findByRole("heading", { name: "First" });
    expect(screen.getByRole("main")).not.toHaveFocus();
  });

  it("moves focus to the main landmark and announces the new page", async () => {
    render(<Stub />);
    await userEvent.click(await screen.findByRole("link", { name: "Next page" }));
    await screen.findByRole("heading", { name: "Next" });
    expect(screen.getByRole("main")).toHaveFocus();
    expect(screen.getByText("Next · Fullstack Flake")).toHaveAttribute("aria-live", "assertive");
  });
});
