import type { ComponentProps } from "react";

import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/spinner";

type SubmitButtonProps = ComponentProps<typeof Button> & {
  pending: boolean;
  /** Label while pending, e.g. "Saving…". */
  pendingText: string;
};

/** A submit button that shows progress and blocks double submits while a request runs. */
export function SubmitButton({
  pending,
  pendingText,
  children,
  disabled,
  ...props
}: SubmitButtonProps) {
  return (
    <Button type="submit" disabled={pending || disabled} aria-busy={pending} {...props}>
      {pending ? (
        <>
          <Spinner />
          {pendingText}
        </>
      ) : (
        children
      )}
    </Button>
  );
}
