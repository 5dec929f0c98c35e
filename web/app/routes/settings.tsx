import type { Route } from "./+types/settings";
import { PasswordForm } from "~/components/settings/password-form";
import { ProfileForm } from "~/components/settings/profile-form";
import { SessionsCard } from "~/components/settings/sessions-card";
import {
  isSettingsIntent,
  resultFor,
  type SettingsIntent,
  type SettingsResult,
} from "~/helpers/settings/settings-form";
import { useRequiredSession } from "~/hooks/use-session";
import { readText } from "~/lib/form-data";
import {
  changePassword,
  endOtherSessions,
  endSession,
  listSessions,
  unwrap,
  updateProfile,
} from "~/utils/api";
import { toFormError } from "~/utils/form-error";
import { pageTitle } from "~/utils/meta";
import { rememberUser } from "~/utils/session";

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Settings") }];

export async function clientLoader() {
  return { sessions: await unwrap(listSessions()) };
}

const FIELDS: Record<SettingsIntent, string[]> = {
  profile: ["name"],
  password: ["current_password", "new_password"],
  sessions: [],
};

export async function clientAction({ request }: Route.ClientActionArgs): Promise<SettingsResult> {
  const formData = await request.formData();
  const intent = readText(formData, "intent");
  if (!isSettingsIntent(intent))
    throw new Response(`Unknown settings form "${intent}"`, { status: 400 });
  try {
    if (intent === "profile") {
      await rememberUser(
        await unwrap(updateProfile({ body: { name: readText(formData, "name") } })),
      );
    } else if (intent === "sessions") {
      const sessionId = readText(formData, "session_id");
      await unwrap(
        sessionId ? endSession({ path: { session_id: sessionId } }) : endOtherSessions(),
      );
    } else {
      await unwrap(
        changePassword({
          body: {
            current_password: readText(formData, "current_password"),
            new_password: readText(formData, "new_password"),
          },
        }),
      );
    }
    return { intent, ok: true };
  } catch (error) {
    // The API answers a wrong current password with 400 and no field list.
    const statusFields = intent === "password" ? { 400: "current_password" } : {};
    return {
      intent,
      ok: false,
      error: toFormError(error, { fields: FIELDS[intent], statusFields }),
    };
  }
}

export default function Settings({ loaderData, actionData }: Route.ComponentProps) {
  const { user } = useRequiredSession();
  return (
    <div className="mx-auto grid max-w-2xl gap-6">
      <h1 className="text-2xl font-semibold tracking-tight">Settings</h1>
      <ProfileForm user={user} result={resultFor(actionData, "profile")} />
      <PasswordForm result={resultFor(actionData, "password")} />
      <SessionsCard sessions={loaderData.sessions} result={resultFor(actionData, "sessions")} />
    </div>
  );
}
