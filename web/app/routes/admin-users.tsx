import { Form, redirect } from "react-router";

import type { Route } from "./+types/admin-users";
import { SubmitButton } from "~/components/submit-button";
import { Badge } from "~/components/ui/badge";
import {
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "~/components/ui/table";
import { useIsSubmitting } from "~/hooks/use-is-submitting";
import { useRequiredSession } from "~/hooks/use-session";
import { formatDate } from "~/lib/format-date";
import { readText } from "~/lib/form-data";
import { listUsers, startImpersonation, unwrap, type UserRead } from "~/utils/api";
import { pageTitle } from "~/utils/meta";
import { rememberSession } from "~/utils/session";

export const meta: Route.MetaFunction = () => [{ title: pageTitle("Users") }];

// The API answers 403 for non-admins; the error boundary shows that as "Access denied".
export async function clientLoader() {
  return { users: await unwrap(listUsers()) };
}

export async function clientAction({ request }: Route.ClientActionArgs) {
  const formData = await request.formData();
  const userId = readText(formData, "user_id");
  rememberSession(await unwrap(startImpersonation({ path: { user_id: userId } })));
  return redirect("/notes");
}

export default function AdminUsers({ loaderData }: Route.ComponentProps) {
  const { users } = loaderData;
  const { user: me } = useRequiredSession();
  return (
    <div className="grid gap-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Users</h1>
        <p className="text-sm text-muted-foreground">
          Log in as a user to see the app exactly as they do.
        </p>
      </div>
      {/* min-w-0 lets the table scroll inside the card on a phone instead of widening the page. */}
      <div className="min-w-0 rounded-xl border bg-card px-4 py-2 shadow-xs">
        <Table>
          <TableCaption className="sr-only">Everyone with an account</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Email</TableHead>
              <TableHead>Role</TableHead>
              <TableHead>Joined</TableHead>
              <TableHead>
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.map((user) => (
              <UserRow key={user.id} user={user} isMe={user.id === me.id} />
            ))}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

function UserRow({ user, isMe }: { user: UserRead; isMe: boolean }) {
  const pending = useIsSubmitting({ user_id: user.id });
  return (
    <TableRow>
      <TableCell className="font-medium">{user.name}</TableCell>
      <TableCell>{user.email}</TableCell>
      <TableCell>
        <Badge variant={user.role === "admin" ? "default" : "secondary"}>{user.role}</Badge>
      </TableCell>
      <TableCell>
        <time dateTime={user.created_at}>{formatDate(user.created_at)}</time>
      </TableCell>
      <TableCell className="text-right">
        {isMe ? (
          <span className="text-sm text-muted-foreground">You</span>
        ) : (
          <Form method="post">
            <input type="hidden" name="user_id" value={user.id} />
            <SubmitButton
              size="sm"
              variant="outline"
              pending={pending}
              pendingText="Logging in…"
              // Names are not unique; the email tells two people apart for screen-reader users too.
              aria-label={`Log in as ${user.name} (${user.email})`}
            >
              Log in as
            </SubmitButton>
          </Form>
        )}
      </TableCell>
    </TableRow>
  );
}
