import { replace } from "react-router";

import type { Session } from "~/utils/api";
import { loadSession } from "~/utils/session";

export const SIGN_IN_PATH = "/sign-in";
export const HOME_PATH = "/notes";

/**
 * Returns `next` when it is a path on this site, else the signed-in home page. Anything else
 * (absolute or protocol-relative URLs, backslash tricks) would make sign-in an open redirect.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.includes("\\")) {
    return HOME_PATH;
  }
  return next;
}

/** The sign-in page URL that brings the user back to `location` afterwards. */
export function signInPath(location: { pathname: string; search: string }): string {
  const params = new URLSearchParams({ next: location.pathname + location.search });
  return `${SIGN_IN_PATH}?${params.toString()}`;
}

// Both redirects replace the page asked for in the history: Back then moves past it, where a new
// entry would send Back to that page and straight here again, forever.

/** For protected pages: the current session, or a redirect to sign in and come back. */
export async function requireSession(request: Request): Promise<Session> {
  const session = await loadSession();
  if (!session) throw replace(signInPath(new URL(request.url)));
  return session;
}

/** For guest-only loaders (sign in, sign up): signed-in users go where they were headed. */
export async function requireGuest(request: Request): Promise<void> {
  const session = await loadSession();
  if (session) throw replace(safeNext(new URL(request.url).searchParams.get("next")));
}
