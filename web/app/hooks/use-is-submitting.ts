import { useNavigation } from "react-router";

/**
 * True while a form submission is in flight, including the redirect or revalidation that
 * follows it. Pass field values (e.g. `{ intent: "delete" }`) to tell apart several forms
 * on one page.
 */
export function useIsSubmitting(match: Record<string, string> = {}): boolean {
  const { formData } = useNavigation();
  if (!formData) return false;
  return Object.entries(match).every(([name, value]) => formData.get(name) === value);
}
