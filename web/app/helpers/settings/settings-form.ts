import type { FormError } from "~/utils/form-error";

/** The independent forms on the settings page, told apart by their `intent` field. */
export type SettingsIntent = "profile" | "password" | "sessions";

/** What the settings action returns; each form only shows results for its own intent. */
export type SettingsResult =
  { intent: SettingsIntent; ok: true } | { intent: SettingsIntent; ok: false; error: FormError };

export function isSettingsIntent(value: string): value is SettingsIntent {
  return value === "profile" || value === "password" || value === "sessions";
}

/** Picks the action result that belongs to one form. */
export function resultFor(
  result: SettingsResult | undefined,
  intent: SettingsIntent,
): SettingsResult | undefined {
  return result?.intent === intent ? result : undefined;
}
