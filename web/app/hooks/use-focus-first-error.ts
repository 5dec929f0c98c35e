import { type RefObject, useEffect, useRef } from "react";

import type { FormError } from "~/utils/form-error";

/**
 * The ref for a form that, after a failed submit, moves keyboard focus to the first invalid
 * field, or to the form's error summary when no single field is to blame, so screen-reader and
 * keyboard users land where the problem is.
 */
export function useFocusFirstError(
  error: FormError | undefined,
): RefObject<HTMLFormElement | null> {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!error || !form) return;
    const target =
      form.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.querySelector<HTMLElement>('[data-slot="form-alert"]');
    target?.focus();
  }, [error]);
  return formRef;
}
