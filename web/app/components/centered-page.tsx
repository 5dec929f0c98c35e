import type { ReactNode } from "react";

/** A narrow centred column for the account pages: sign in, sign up, and the emailed links. */
export function CenteredPage({ children }: { children: ReactNode }) {
  return (
    <div className="flex justify-center px-4 py-12 sm:py-20">
      <div className="w-full max-w-sm">{children}</div>
    </div>
  );
}
