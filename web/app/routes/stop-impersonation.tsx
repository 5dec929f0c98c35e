import { redirect } from "react-router";

import { stopImpersonation, unwrap } from "~/utils/api";
import { rememberSession } from "~/utils/session";

/** Only POSTed to, by the impersonation banner; a plain visit goes to the notes. */
export function clientLoader() {
  return redirect("/notes");
}

export async function clientAction() {
  rememberSession(await unwrap(stopImpersonation()));
  return redirect("/admin/users");
}
