import { MailCheck } from "lucide-react";
import { Link } from "react-router";

import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "~/components/ui/card";

/** What the account forms show once the API has taken the request: the rest is in an email. */
export function CheckYourInbox({ email, message }: { email: string; message: string }) {
  return (
    <Card>
      <CardHeader>
        <MailCheck aria-hidden className="size-8 text-muted-foreground" />
        <CardTitle as="h1">Check your inbox</CardTitle>
        <CardDescription role="status">{message}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <p>
          We wrote to <strong className="break-all">{email}</strong>. The link in the email works
          once and expires; if nothing arrives within a few minutes, look in your spam folder.
        </p>
        <p>
          <Link to="/sign-in" className="font-medium underline underline-offset-4">
            Back to sign in
          </Link>
        </p>
      </CardContent>
    </Card>
  );
}
