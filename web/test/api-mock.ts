import { vi } from "vitest";

import type { ActiveSession, ErrorBody, NotePage, NoteRead, Session, UserRead } from "~/utils/api";

type Handler = (request: Request) => Response | Promise<Response>;

/**
 * Replaces fetch with a fake API: `routes` maps "METHOD /path" to a handler. Every request is
 * recorded; an unexpected one fails the test instead of hanging or hitting the network.
 */
export function mockApi(routes: Record<string, Handler>) {
  const requests: Request[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request =
      input instanceof Request ? input : new Request(new URL(String(input), location.href), init);
    requests.push(request.clone());
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const handler = routes[key];
    if (!handler) throw new Error(`Unexpected API call: ${key}`);
    return handler(request);
  });
  vi.stubGlobal("fetch", fetchMock);
  return { requests, fetchMock };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function noContent() {
  return new Response(null, { status: 204 });
}

export function apiError(
  status: number,
  code: string,
  message: string,
  fields?: { field: string; message: string }[],
) {
  const body: ErrorBody = {
    error: { code, message, request_id: "0123456789abcdef0123456789abcdef", fields },
  };
  return json(status, body);
}

export function user(overrides: Partial<UserRead> = {}): UserRead {
  return {
    id: "user_01h455vb4pex5vsknk084sn02q",
    email: "ada@example.com",
    name: "Ada Lovelace",
    role: "user",
    email_verified: true,
    created_at: "2026-01-02T10:00:00Z",
    updated_at: "2026-01-02T10:00:00Z",
    ...overrides,
  };
}

export function session(overrides: Partial<Session> = {}): Session {
  return { user: user(), impersonator: null, ...overrides };
}

export function activeSession(overrides: Partial<ActiveSession> = {}): ActiveSession {
  return {
    id: "session_01h455vb4pex5vsknk084sn02q",
    created_at: "2026-01-02T10:00:00Z",
    last_seen_at: "2026-01-02T11:00:00Z",
    ip_address: "203.0.113.10",
    user_agent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    current: true,
    ...overrides,
  };
}

/** A page of the notes list; the last one unless a cursor to the next is given. */
export function notePage(items: NoteRead[], nextCursor: string | null = null): NotePage {
  return { items, next_cursor: nextCursor };
}
