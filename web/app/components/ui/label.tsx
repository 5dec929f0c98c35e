import type { ComponentProps } from "react";

import { cn } from "~/lib/cn";

function Label({ className, ...props }: ComponentProps<"label">) {
  return (
    // The control is tied by htmlFor, which callers pass; the rule cannot see through the spread.
    // eslint-disable-next-line jsx-a11y/label-has-associated-control
    <label
      className={cn(
        "flex items-center gap-2 text-sm leading-none font-medium select-none peer-disabled:cursor-not-allowed peer-disabled:opacity-50",
        className,
      )}
      {...props}
    />
  );
}

export { Label };
