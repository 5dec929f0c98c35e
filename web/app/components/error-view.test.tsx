import { render, screen } from "@testing-library/react";
import { createRoutesStub } from "react-router";
import { describe, expect, it } from "vitest";

import { ApiError } from "~/utils/api-error";
import { ErrorView } from "./error-view";

function renderError(error: unknown) {
  const Stub = createRoutesStub([{ path: "/", Component: () => <ErrorView error={error} /> }]);
  render(<Stub />);
}

describe("ErrorView", () => {
  it("shows a friendly message and the request id to quote", () => {
    renderError(
      new ApiError(500, { code: "internal_error", message: "KeyError: 'x'", request_id: "req-42" }),
    );
    expect(screen.getByRole("heading", { name: "Something went wrong" })).toBeInTheDocument();
    expect(screen.getByText("req-42")).toBeInTheDocument();
    expect(screen.queryByText(/KeyError/)).not.toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Go home" })).toHaveAttribute("href", "/");
  });

  it("leaves out the request id line when there is none", () => {
    renderError(new Error("boom"));
    expect(screen.queryByText(/Request ID/)).not.toBeInTheDocument();
  });
});
