import { type ReactNode, type SyntheticEvent, useId, useState } from "react";

import { Label } from "~/components/ui/label";
import { cn } from "~/lib/cn";

const count = new Intl.NumberFormat("en");

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
  /** Help text shown under the control, e.g. a length rule; an error takes its place. */
  hint?: string;
  /**
   * The most characters the API accepts. Longer text is kept, not cut off as the `maxlength`
   * attribute would do without a word, and the field says it is too long as soon as it is.
   */
  maxLength?: number;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/** A labelled control with one line under it (a problem, else the hint), read by screen readers. */
export function FormField({ label, error, hint, maxLength, className, children }: FormFieldProps) {
  const id = useId();
  const [length, setLength] = useState(0);
  const tooLong = maxLength !== undefined && length > maxLength;
  // What the person typed just now outranks what the API said about the previous submit.
  const problem = tooLong
    ? `Too long: ${count.format(length)} characters, the limit is ${count.format(maxLength)}.`
    : error;
  const note = problem ?? hint;
  const noteId = `${id}-note`;

  function measure(event: SyntheticEvent<HTMLDivElement>) {
    const target = event.target;
    if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) {
      setLength(target.value.length);
    }
  }

  return (
    <div className={cn("grid gap-2", className)} onInput={maxLength ? measure : undefined}>
      <Label htmlFor={id}>{label}</Label>
      {children({
        id,
        "aria-invalid": Boolean(problem),
        "aria-describedby": note ? noteId : undefined,
      })}
      {note && (
        <p
          id={noteId}
          className={problem ? "text-sm text-destructive" : "text-xs text-muted-foreground"}
        >
          {note}
        </p>
      )}
    </div>
  );
}
