import { type RefObject, useEffect } from "react";

import type { FormError } from "~/utils/form-error";

/**
 * After a failed submit, moves keyboard focus to the first invalid field, or to the form's
 * error summary when no single field is to blame, so screen-reader and keyboard users land
 * where the problem is.
 */
export function useFocusFirstError(
  formRef: RefObject<HTMLFormElement | null>,
  error: FormError | undefined,
): void {
  useEffect(() => {
    const form = formRef.current;
    if (!error || !form) return;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.querySelector<HTMLElement>('[data-slot="form-alert"]');
    target?.focus();
  }, [formRef, error]);
}
