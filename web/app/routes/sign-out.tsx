import { redirect } from "react-router";

import { ApiError } from "~/utils/api-error";
import { signOut, unwrap } from "~/utils/api";
import { rememberSession } from "~/utils/session";

/** Only POSTed to, by the header's sign-out button; a plain visit goes home. */
export function clientLoader() {
  return redirect("/");
}

export async function clientAction() {
  try {
    await unwrap(signOut());
  } catch (error) {
    // Already signed out (e.g. the session expired) is the outcome we wanted anyway.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  rememberSession(null);
  return redirect("/");
}
