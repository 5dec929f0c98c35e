import { describe, expect, it } from "vitest";

import { ApiError, NETWORK_ERROR } from "./api-error";
import { describeError } from "./describe-error";

const apiError = (status: number, code = "x", message = "Detail from the API") =>
  new ApiError(status, { code, message, request_id: "req-1" });

describe("describeError", () => {
  it("hides server error details but keeps the request id", () => {
    const description = describeError(apiError(500, "internal_error", "psycopg.OperationalError"));
    expect(description.title).toBe("Something went wrong");
    expect(description.message).not.toContain("psycopg");
    expect(description.requestId).toBe("req-1");
  });

  it("explains access and missing resources", () => {
    expect(describeError(apiError(403)).title).toBe("Access denied");
    expect(describeError(apiError(404)).title).toBe("Not found");
  });

  it("explains a network failure", () => {
    expect(describeError(apiError(0, NETWORK_ERROR, "No connection")).title).toBe(
      "Can't reach the server",
    );
  });

  it("shows debug details for unexpected exceptions only when asked", () => {
    const bug = new Error("boom");
    expect(describeError(bug).details).toBeUndefined();
    expect(describeError(bug, { debug: true }).details).toContain("boom");
  });
});
