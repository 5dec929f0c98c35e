import { readCookie } from "~/lib/cookie";

export const CSRF_COOKIE = "csrftoken";
export const CSRF_HEADER = "x-csrftoken";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/**
 * Request interceptor for the double-submit CSRF check: echoes the readable `csrftoken` cookie
 * in the `x-csrftoken` header of every state-changing request. The API sets that cookie on
 * any response, so it exists once the SPA has made its first GET.
 */
export function attachCsrfToken(request: Request): Request {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return request;
  const token = readCookie(CSRF_COOKIE);
  if (token !== null) request.headers.set(CSRF_HEADER, token);
  return request;
}
