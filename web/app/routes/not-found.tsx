import type { Route } from "./+types/not-found";
import { ButtonLink } from "~/components/ui/button";
import { pageTitle } from "~/utils/meta";

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Page not found") }];

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center gap-4 px-4 py-20 text-center">
      <p className="font-mono text-sm text-muted-foreground">404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-muted-foreground">
        The page you were looking for does not exist or has moved.
      </p>
      <ButtonLink to="/">Go home</ButtonLink>
    </div>
  );
}
