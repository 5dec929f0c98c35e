import { type RefObject, useEffect } from "react";

/**
 * Clears a form after each successful submit (`result.ok`), e.g. to make room for the next
 * note. Each action returns a new object, so repeated successes reset again.
 */
export function useResetOnSuccess(
  formRef: RefObject<HTMLFormElement | null>,
  result: { ok: boolean } | undefined,
  focusName?: string,
): void {
  useEffect(() => {
    const form = formRef.current;
    if (!result?.ok || !form) return;
    form.reset();
    if (focusName) form.querySelector<HTMLElement>(`[name="${focusName}"]`)?.focus();
  }, [formRef, result, focusName]);
}
