import type { Session, UserRead } from "~/utils/api";
import { ApiError } from "~/utils/api-error";

/**
 * The signed-in session, fetched once from the API and then kept in step by the actions
 * that change it (sign in/out, impersonation, profile), so navigations cost no extra request.
 */
let current: Promise<Session | null> | undefined;

// Every change is announced to the app's other tabs (a channel reaches only this origin), so
// none keeps showing private pages, or the wrong user's, until its next click. Every browser
// the build targets has BroadcastChannel.
const otherTabs = new BroadcastChannel("session");
otherTabs.addEventListener("message", forgetSession);

/** Resolves to the current session, or null when nobody is signed in. */
export function loadSession(): Promise<Session | null> {
  current ??= fetchSession().catch((error: unknown) => {
    // Do not cache a failure: the next navigation should try again.
    current = undefined;
    throw error;
  });
  return current;
}

/** Records the session returned by an API call that changed it (null after signing out). */
export function rememberSession(session: Session | null): void {
  current = Promise.resolve(session);
  otherTabs.postMessage(null);
}

/** Replaces the signed-in user after a profile change, keeping any impersonator. */
export async function rememberUser(user: UserRead): Promise<void> {
  const session = await loadSession();
  rememberSession(session && { ...session, user });
}

/** Drops the cached session so the next loadSession() asks the API again. */
export function forgetSession(): void {
  current = undefined;
}

/**
 * Calls `listener` when another tab signs in or out, or otherwise changes the session (the
 * cached copy is already dropped by then); returns the unsubscribe function.
 */
export function onSessionChangeElsewhere(listener: () => void): () => void {
  otherTabs.addEventListener("message", listener);
  return () => {
    otherTabs.removeEventListener("message", listener);
  };
}

/**
 * GET /api/auth/session (operation getCurrentSession), which answers null rather than 401 for
 * visitors, so a signed-out page load logs no failed request. The root route runs this before
 * the first paint, so it uses fetch directly: going through the generated client would put the
 * whole client on the critical path of every page, including the landing page, which makes no
 * other API call.
 */
async function fetchSession(): Promise<Session | null> {
  let response: Response;
  try {
    response = await fetch("/api/auth/session", { headers: { accept: "application/json" } });
  } catch {
    throw ApiError.from(undefined, undefined);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw ApiError.from(body, response);
  return (body ?? null) as Session | null;
}
