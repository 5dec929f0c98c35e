import type { ComponentProps } from "react";

import { cn } from "~/lib/cn";

/**
 * A spinning ring drawn with CSS (no icon library: it is on the first page's critical path).
 * Decorative, so pair it with visible or screen-reader text.
 */
function Spinner({ className, ...props }: ComponentProps<"span">) {
  return (
    <span
      aria-hidden
      className={cn(
        "inline-block size-4 shrink-0 animate-spin rounded-full border-2 border-current border-r-transparent",
        className,
      )}
      {...props}
    />
  );
}

export { Spinner };
