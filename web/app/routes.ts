import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  layout("routes/guest-layout.tsx", [
    route("sign-in", "routes/sign-in.tsx"),
    route("sign-up", "routes/sign-up.tsx"),
    route("forgot-password", "routes/forgot-password.tsx"),
  ]),
  // Opened from emailed links, signed in or not.
  route("verify-email", "routes/verify-email.tsx"),
  route("reset-password", "routes/reset-password.tsx"),
  route("sign-out", "routes/sign-out.tsx"),
  layout("routes/protected-layout.tsx", [
    route("notes", "routes/notes.tsx"),
    route("notes/:noteId", "routes/note.tsx"),
    route("settings", "routes/settings.tsx"),
    route("admin/users", "routes/admin-users.tsx"),
    route("impersonation/stop", "routes/stop-impersonation.tsx"),
  ]),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
