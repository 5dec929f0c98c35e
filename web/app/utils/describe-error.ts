import { isRouteErrorResponse } from "react-router";

import { ApiError, NETWORK_ERROR } from "~/utils/api-error";

/** What the error screen tells the user about something that went wrong. */
export type ErrorDescription = {
  title: string;
  message: string;
  /** Quote this to support; the API logs every request under it. */
  requestId: string | null;
  /** Debug details, only outside production builds. */
  details?: string;
};

const GENERIC =
  "Something unexpected happened on our side. Please try again in a moment; if it keeps happening, contact support.";

/** Maps anything thrown in a loader, action or render to a friendly description. */
export function describeError(error: unknown, { debug = false } = {}): ErrorDescription {
  if (error instanceof ApiError) return describeApiError(error);
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      return {
        title: "Page not found",
        message: "There is nothing at this address.",
        requestId: null,
      };
    }
    return {
      title: `Error ${error.status}`,
      message: error.statusText || GENERIC,
      requestId: null,
    };
  }
  const details = debug && error instanceof Error ? (error.stack ?? error.message) : undefined;
  return { title: "Something went wrong", message: GENERIC, requestId: null, details };
}

function describeApiError(error: ApiError): ErrorDescription {
  const { requestId } = error;
  if (error.code === NETWORK_ERROR) {
    return { title: "Can't reach the server", message: error.message, requestId };
  }
  switch (error.status) {
    case 403:
      return {
        title: "Access denied",
        message: "You don't have permission to view this.",
        requestId,
      };
    case 404:
      return {
        title: "Not found",
        message: "It may have been deleted, or it belongs to someone else.",
        requestId,
      };
    case 429:
      return { title: "Slow down", message: error.message, requestId };
  }
  if (error.status >= 500) return { title: "Something went wrong", message: GENERIC, requestId };
  return { title: "Something went wrong", message: error.message, requestId };
}
