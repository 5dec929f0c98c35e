import { describe, expect, it } from "vitest";

import { ApiError, NETWORK_ERROR, parseErrorBody, UNEXPECTED_RESPONSE } from "./api-error";

describe("parseErrorBody", () => {
  it("reads the documented error body", () => {
    const body = {
      error: {
        code: "validation_error",
        message: "Invalid input",
        request_id: "abc123",
        fields: [{ field: "title", message: "Must not be empty" }],
      },
    };
    expect(parseErrorBody(body)).toEqual(body.error);
  });

  it("defaults missing request id and fields", () => {
    expect(parseErrorBody({ error: { code: "not_found", message: "Not found" } })).toEqual({
      code: "not_found",
      message: "Not found",
      request_id: null,
      fields: [],
    });
  });

  it("drops malformed field entries", () => {
    const body = {
      error: {
        code: "x",
        message: "y",
        fields: [{ field: "a", message: "b" }, { field: 1 }, null],
      },
    };
    expect(parseErrorBody(body)?.fields).toEqual([{ field: "a", message: "b" }]);
  });

  it.each([null, "Internal Server Error", [], {}, { error: "boom" }, { error: { code: 1 } }])(
    "rejects %j",
    (body) => {
      expect(parseErrorBody(body)).toBeNull();
    },
  );
});

describe("ApiError.from", () => {
  it("keeps the status and the body's details", () => {
    const response = new Response(null, { status: 409 });
    const error = ApiError.from(
      { error: { code: "conflict", message: "Email taken", request_id: "r1" } },
      response,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: "conflict",
      message: "Email taken",
      requestId: "r1",
    });
  });

  it("falls back to the x-request-id header for the request id", () => {
    const response = new Response(null, {
      status: 500,
      headers: { "x-request-id": "from-header" },
    });
    const error = ApiError.from({ error: { code: "internal_error", message: "Oops" } }, response);
    expect(error.requestId).toBe("from-header");
  });

  it("describes a response whose body is not the API's error format", () => {
    const response = new Response(null, { status: 502, headers: { "x-request-id": "gw" } });
    const error = ApiError.from("<html>Bad Gateway</html>", response);
    expect(error).toMatchObject({ status: 502, code: UNEXPECTED_RESPONSE, requestId: "gw" });
    expect(error.message).toContain("HTTP 502");
  });

  it("reports a network failure when there is no response", () => {
    const error = ApiError.from(new TypeError("Failed to fetch"), undefined);
    expect(error).toMatchObject({ status: 0, code: NETWORK_ERROR, requestId: null });
  });
});
