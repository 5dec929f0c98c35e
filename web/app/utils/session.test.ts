import { describe, expect, it, vi } from "vitest";

import { json, mockApi, session, user } from "#test/api-mock";
import { ApiError } from "./api-error";
import {
  forgetSession,
  loadSession,
  onSessionChangeElsewhere,
  rememberSession,
  rememberUser,
} from "./session";

describe("loadSession", () => {
  it("asks the API once and then serves the cached session", async () => {
    const api = mockApi({ "GET /api/auth/session": () => json(200, session()) });
    await expect(loadSession()).resolves.toEqual(session());
    await expect(loadSession()).resolves.toEqual(session());
    expect(api.fetchMock).toHaveBeenCalledTimes(1);
  });

  it("resolves to null for visitors", async () => {
    mockApi({ "GET /api/auth/session": () => json(200, null) });
    await expect(loadSession()).resolves.toBeNull();
  });

  it("does not cache failures", async () => {
    let calls = 0;
    mockApi({
      "GET /api/auth/session": () =>
        ++calls === 1
          ? json(503, { error: { code: "unavailable", message: "Down", request_id: "r" } })
          : json(200, session()),
    });
    await expect(loadSession()).rejects.toBeInstanceOf(ApiError);
    await expect(loadSession()).resolves.toEqual(session());
  });

  it("asks again after forgetSession()", async () => {
    const api = mockApi({ "GET /api/auth/session": () => json(200, session()) });
    await loadSession();
    forgetSession();
    await loadSession();
    expect(api.fetchMock).toHaveBeenCalledTimes(2);
  });
});

describe("remembering", () => {
  it("uses the session an action returned without asking the API", async () => {
    const api = mockApi({});
    rememberSession(null);
    await expect(loadSession()).resolves.toBeNull();
    expect(api.fetchMock).not.toHaveBeenCalled();
  });

  it("replaces the user and keeps the impersonator", async () => {
    const admin = user({ id: "user_admin", role: "admin" });
    rememberSession(session({ impersonator: admin }));
    await rememberUser(user({ name: "Ada King" }));
    await expect(loadSession()).resolves.toEqual({
      user: user({ name: "Ada King" }),
      impersonator: admin,
    });
  });
});

describe("other tabs", () => {
  it("are told when this tab changes the session", async () => {
    const api = mockApi({ "GET /api/auth/session": () => json(200, null) });
    rememberSession(session());
    const otherTab = new BroadcastChannel("session");
    const heard = new Promise<void>((resolve) => {
      otherTab.addEventListener("message", () => {
        resolve();
      });
    });
    rememberSession(null);
    await expect(heard).resolves.toBeUndefined();
    otherTab.close();
    expect(api.fetchMock).not.toHaveBeenCalled();
  });

  it("changing the session make this tab forget its own and reload", async () => {
    const api = mockApi({ "GET /api/auth/session": () => json(200, null) });
    rememberSession(session());
    const listener = vi.fn();
    const unsubscribe = onSessionChangeElsewhere(listener);
    const otherTab = new BroadcastChannel("session");
    otherTab.postMessage(null);
    await vi.waitFor(() => {
      expect(listener).toHaveBeenCalledOnce();
    });
    unsubscribe();
    otherTab.close();
    await expect(loadSession()).resolves.toBeNull();
    expect(api.fetchMock).toHaveBeenCalledOnce();
  });
});
