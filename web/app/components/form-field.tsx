import { type ReactNode, useId } from "react";

import { Label } from "~/components/ui/label";
import { cn } from "~/lib/cn";

/** The accessibility wiring a form control needs to be tied to its label, hint and error. */
export type ControlProps = {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
};

type FormFieldProps = {
  label: string;
  /** Message from the API's validation error for this field. */
  error?: string;
  /** Help text shown under the control, e.g. a length rule. */
  hint?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/** A labelled control with optional hint and inline error, announced by screen readers. */
export function FormField({ label, error, hint, className, children }: FormFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint && hintId, error && errorId].filter(Boolean).join(" ") || undefined;

  return (
    <div className={cn("grid gap-2", className)}>
      <Label htmlFor={id}>{label}</Label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint && (
        <p id={hintId} className="text-xs text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
