import { Form, Link, NavLink } from "react-router";

import { Logo } from "~/components/logo";
import { SubmitButton } from "~/components/submit-button";
import { ButtonLink } from "~/components/ui/button";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { cn } from "~/lib/cn";
import type { Session } from "~/utils/api";
import { APP_NAME } from "~/utils/meta";

function navLinkClass({ isActive }: { isActive: boolean }) {
  return cn(
    "rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors sm:px-3",
    isActive ? "bg-accent text-foreground" : "text-muted-foreground hover:text-foreground",
  );
}

export function SiteHeader({ session }: { session: Session | null }) {
  const signingOut = useIsSubmitting({ intent: "sign-out" });
  const user = session?.user;
  return (
    <header className="border-b bg-background">
      <div className="mx-auto flex h-14 max-w-5xl items-center gap-2 px-4 sm:gap-4">
        <Link
          to={user ? "/notes" : "/"}
          className="flex items-center gap-2 rounded-md font-semibold"
        >
          <Logo className="size-6" />
          {/* On phones the mark alone leaves room for the navigation. */}
          <span className="sr-only sm:not-sr-only">{APP_NAME}</span>
        </Link>
        {user ? (
          <>
            <nav aria-label="Main" className="flex items-center gap-1">
              <NavLink to="/notes" className={navLinkClass}>
                Notes
              </NavLink>
              <NavLink to="/settings" className={navLinkClass}>
                Settings
              </NavLink>
              {user.role === "admin" && (
                <NavLink to="/admin/users" className={navLinkClass}>
                  Users
                </NavLink>
              )}
            </nav>
            <div className="ml-auto flex items-center gap-3">
              <span className="hidden max-w-48 truncate text-sm text-muted-foreground sm:block">
                {user.name}
              </span>
              <Form method="post" action="/sign-out">
                <input type="hidden" name="intent" value="sign-out" />
                {/* An icon alone on phones, where the words would not fit. A CSS mask in the text
                    colour rather than an icon component keeps it out of every page's JS. */}
                <SubmitButton
                  variant="outline"
                  size="sm"
                  pending={signingOut}
                  pendingText="Signing out…"
                >
                  <span
                    aria-hidden
                    className="size-4 bg-current mask-[url(/sign-out.svg)] mask-contain mask-center mask-no-repeat sm:hidden"
                  />
                  <span className="sr-only sm:not-sr-only">Sign out</span>
                </SubmitButton>
              </Form>
            </div>
          </>
        ) : (
          <div className="ml-auto flex items-center gap-2">
            <ButtonLink variant="ghost" size="sm" to="/sign-in">
              Sign in
            </ButtonLink>
            <ButtonLink size="sm" to="/sign-up">
              Sign up
            </ButtonLink>
          </div>
        )}
      </div>
    </header>
  );
}
