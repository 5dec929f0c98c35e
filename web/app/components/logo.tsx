import type { ComponentProps } from "react";

/** The app's mark (also public/favicon.svg): a page with two lines of text. */
export function Logo(props: ComponentProps<"svg">) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden {...props}>
      <rect width="32" height="32" rx="7" className="fill-primary" />
      <path
        d="M10 8h9l4 4v12H10z M13 15h7 M13 19h5"
        fill="none"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="stroke-primary-foreground"
      />
    </svg>
  );
}
