import { describe, expect, it } from "vitest";

import { readCookie } from "./cookie";

describe("readCookie", () => {
  it("finds a cookie among others", () => {
    expect(readCookie("csrftoken", "session=abc; csrftoken=t0k3n; theme=dark")).toBe("t0k3n");
  });

  it("does not match a cookie whose name only ends with the wanted name", () => {
    expect(readCookie("csrftoken", "xcsrftoken=wrong")).toBeNull();
  });

  it("decodes percent-encoded values and keeps '=' inside values", () => {
    expect(readCookie("a", "a=x%20y%3D=z")).toBe("x y==z");
  });

  it("returns malformed percent-encoding as is", () => {
    expect(readCookie("a", "a=%E0%A4%A")).toBe("%E0%A4%A");
  });

  it("returns null when the cookie is absent or the jar is empty", () => {
    expect(readCookie("csrftoken", "")).toBeNull();
    expect(readCookie("csrftoken", "session=abc")).toBeNull();
  });
});
