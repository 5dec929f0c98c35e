import { useState } from "react";

import { Button } from "~/components/ui/button";
import { ApiError } from "~/utils/api-error";
import { resendVerificationEmail, unwrap } from "~/utils/api";

/** Until the address is confirmed the app sends it nothing else; this says so, with a resend. */
export function VerifyEmailBanner({ email }: { email: string }) {
  const [sending, setSending] = useState(false);
  const [status, setStatus] = useState("");

  async function resend() {
    setSending(true);
    try {
      setStatus((await unwrap(resendVerificationEmail())).message);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      setStatus(error.message);
    } finally {
      setSending(false);
    }
  }

  return (
    <div role="region" aria-label="Email confirmation" className="border-b bg-muted">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-3 px-4 py-2 text-sm sm:flex-nowrap">
        <p className="min-w-0">
          Confirm your email address with the link we sent to{" "}
          <strong className="break-all">{email}</strong>; until then we send you no email.
        </p>
        <div className="flex shrink-0 items-center gap-3">
          <p role="status" className="text-muted-foreground">
            {status}
          </p>
          <Button size="sm" variant="outline" disabled={sending} onClick={() => void resend()}>
            Send a new link
          </Button>
        </div>
      </div>
    </div>
  );
}
