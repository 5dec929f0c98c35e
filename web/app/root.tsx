import type { ReactNode } from "react";
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "react-router";

import type { Route } from "./+types/root";
import "./app.css";
import { ErrorView } from "~/components/error-view";
import { ImpersonationBanner } from "~/components/impersonation-banner";
import { NavigationProgress } from "~/components/navigation-progress";
import { RouteAnnouncer } from "~/components/route-announcer";
import { SiteHeader } from "~/components/site-header";
import { Spinner } from "~/components/ui/spinner";
import { APP_NAME } from "~/utils/meta";
import { loadSession } from "~/utils/session";

export const links: Route.LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: Route.MetaFunction = () => [{ title: APP_NAME }];

export function Layout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-dvh">
        {children}
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export async function clientLoader() {
  return { session: await loadSession() };
}

// The session is cached in memory and kept current by the actions that change it, so reading
// it on every navigation is free and keeps the header in step after the session ends.
export function shouldRevalidate() {
  return true;
}

/** Pre-rendered into index.html: what users see while the app boots. */
export function HydrateFallback() {
  return (
    <div
      className="flex min-h-dvh items-center justify-center gap-2 text-muted-foreground"
      role="status"
    >
      <Spinner />
      Loading…
    </div>
  );
}

export default function App({ loaderData }: Route.ComponentProps) {
  const { session } = loaderData;
  return (
    <>
      <a
        href="#main"
        className="sr-only rounded-md bg-background px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <NavigationProgress />
      {session && <ImpersonationBanner session={session} />}
      <SiteHeader session={session} />
      <main id="main" tabIndex={-1} className="outline-none">
        <Outlet />
      </main>
      <RouteAnnouncer mainId="main" />
    </>
  );
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  return (
    <main>
      <ErrorView error={error} />
    </main>
  );
}
