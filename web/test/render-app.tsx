import { render } from "@testing-library/react";
import { type ComponentProps, type ComponentType } from "react";
import {
  createRoutesStub,
  type LoaderFunction,
  type MiddlewareFunction,
  useLocation,
} from "react-router";

import * as root from "~/root";
import * as adminUsers from "~/routes/admin-users";
import * as forgotPassword from "~/routes/forgot-password";
import * as guestLayout from "~/routes/guest-layout";
import * as home from "~/routes/home";
import * as notFound from "~/routes/not-found";
import * as note from "~/routes/note";
import * as notes from "~/routes/notes";
import * as protectedLayout from "~/routes/protected-layout";
import * as resetPassword from "~/routes/reset-password";
import * as settings from "~/routes/settings";
import * as signIn from "~/routes/sign-in";
import * as signOut from "~/routes/sign-out";
import * as signUp from "~/routes/sign-up";
import * as stopImpersonation from "~/routes/stop-impersonation";
import * as verifyEmail from "~/routes/verify-email";

// Route modules type their functions with generated Route.* types; the stub takes plain ones.
const fn = (f: unknown) => f as LoaderFunction;
const component = (c: unknown) => c as ComponentType;
const middleware = (m: unknown) => m as MiddlewareFunction[];

/** Shows the current URL so tests can assert where a redirect landed. */
function LocationProbe() {
  const { pathname, search } = useLocation();
  return <output data-testid="location">{pathname + search}</output>;
}

function Root(props: ComponentProps<typeof root.default>) {
  return (
    <>
      <root.default {...props} />
      <LocationProbe />
    </>
  );
}

/** The app's real route tree (mirroring app/routes.ts) in a memory router. */
const Stub = createRoutesStub([
  {
    id: "root",
    path: "/",
    Component: component(Root),
    ErrorBoundary: component(root.ErrorBoundary),
    HydrateFallback: root.HydrateFallback,
    loader: fn(root.clientLoader),
    shouldRevalidate: root.shouldRevalidate,
    children: [
      { index: true, Component: home.default },
      {
        loader: fn(guestLayout.clientLoader),
        Component: guestLayout.default,
        children: [
          {
            path: "sign-in",
            Component: component(signIn.default),
            action: fn(signIn.clientAction),
          },
          {
            path: "sign-up",
            Component: component(signUp.default),
            action: fn(signUp.clientAction),
          },
          {
            path: "forgot-password",
            Component: component(forgotPassword.default),
            action: fn(forgotPassword.clientAction),
          },
        ],
      },
      {
        path: "verify-email",
        Component: component(verifyEmail.default),
        action: fn(verifyEmail.clientAction),
      },
      {
        path: "reset-password",
        Component: component(resetPassword.default),
        action: fn(resetPassword.clientAction),
      },
      { path: "sign-out", loader: fn(signOut.clientLoader), action: fn(signOut.clientAction) },
      {
        middleware: middleware(protectedLayout.clientMiddleware),
        Component: protectedLayout.default,
        ErrorBoundary: component(protectedLayout.ErrorBoundary),
        children: [
          {
            path: "notes",
            Component: component(notes.default),
            loader: fn(notes.clientLoader),
            action: fn(notes.clientAction),
          },
          {
            path: "notes/:noteId",
            Component: component(note.default),
            loader: fn(note.clientLoader),
            action: fn(note.clientAction),
          },
          {
            path: "settings",
            Component: component(settings.default),
            loader: fn(settings.clientLoader),
            action: fn(settings.clientAction),
          },
          {
            path: "admin/users",
            Component: component(adminUsers.default),
            loader: fn(adminUsers.clientLoader),
            action: fn(adminUsers.clientAction),
          },
          {
            path: "impersonation/stop",
            loader: fn(stopImpersonation.clientLoader),
            action: fn(stopImpersonation.clientAction),
          },
        ],
      },
      { path: "*", Component: notFound.default },
    ],
  },
]);

export function renderApp(path: string) {
  return render(<Stub initialEntries={[path]} />);
}
