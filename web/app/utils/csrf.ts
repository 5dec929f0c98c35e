import { readCookie } from "~/lib/cookie";

export const CSRF_COOKIE = "csrftoken";
// Over HTTPS the API names it with the __Host- prefix, which only this origin can set.
export const HOST_CSRF_COOKIE = `__Host-${CSRF_COOKIE}`;
export const CSRF_HEADER = "x-csrftoken";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/**
 * Request interceptor for the CSRF check: echoes the readable `csrftoken` cookie in the
 * `x-csrftoken` header of every state-changing request. The API keeps that cookie in step with
 * the session (it changes on sign-in and sign-out) and sets it on any response, so it exists
 * once the SPA has made its first GET.
 */
export function attachCsrfToken(request: Request): Request {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return request;
  const token = readCookie(HOST_CSRF_COOKIE) ?? readCookie(CSRF_COOKIE);
  if (token !== null) request.headers.set(CSRF_HEADER, token);
  return request;
}
