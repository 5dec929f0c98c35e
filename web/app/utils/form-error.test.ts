import { describe, expect, it } from "vitest";

import { ApiError } from "./api-error";
import { toFormError } from "./form-error";

const error = (
  status: number,
  message: string,
  fields: { field: string; message: string }[] = [],
) => new ApiError(status, { code: "x", message, request_id: "req", fields });

describe("toFormError", () => {
  it("puts field errors inline and summarises", () => {
    const result = toFormError(
      error(422, "Invalid input", [
        { field: "title", message: "Too short" },
        { field: "title", message: "Second message is dropped" },
      ]),
      { fields: ["title", "body"] },
    );
    expect(result).toEqual({
      message: "Please correct the highlighted fields.",
      requestId: null,
      fields: { title: "Too short" },
    });
  });

  it("moves errors for fields the form does not show into the summary", () => {
    const result = toFormError(
      error(422, "Invalid input", [{ field: "owner.id", message: "Bad" }]),
      {
        fields: ["title"],
      },
    );
    expect(result.message).toBe("owner.id: Bad");
    expect(result.fields).toEqual({});
  });

  it("shows other errors as the summary", () => {
    expect(toFormError(error(429, "Too many attempts"), { fields: ["email"] })).toEqual({
      message: "Too many attempts",
      requestId: null,
      fields: {},
    });
  });

  it("keeps the request id of server faults for support", () => {
    expect(toFormError(error(503, "Unavailable"), { fields: [] }).requestId).toBe("req");
  });

  it("turns validation fragments into sentences", () => {
    const result = toFormError(error(422, "x", [{ field: "name", message: "must not be blank" }]), {
      fields: ["name"],
    });
    expect(result.fields.name).toBe("Must not be blank");
  });

  it("attaches a status to a field when asked", () => {
    const result = toFormError(error(409, "Email already registered"), {
      fields: ["email"],
      statusFields: { 409: "email" },
    });
    expect(result.fields).toEqual({ email: "Email already registered" });
  });

  it("rethrows 401 unless the form authenticates", () => {
    const unauthenticated = error(401, "Wrong email or password");
    expect(() => toFormError(unauthenticated, { fields: [] })).toThrow(unauthenticated);
    expect(toFormError(unauthenticated, { fields: [], allowUnauthenticated: true }).message).toBe(
      "Wrong email or password",
    );
  });

  it("rethrows anything that is not an API error", () => {
    const bug = new TypeError("undefined is not a function");
    expect(() => toFormError(bug, { fields: [] })).toThrow(bug);
  });
});
