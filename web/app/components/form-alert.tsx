import { CircleAlert } from "lucide-react";

import { Alert, AlertDescription, AlertTitle } from "~/components/ui/alert";
import type { FormError } from "~/utils/form-error";

/** The summary of a failed submit; focusable so useFocusFirstError can move focus to it. */
export function FormAlert({ error }: { error: FormError | undefined }) {
  if (!error) return null;
  return (
    <Alert variant="destructive" role="alert" tabIndex={-1} data-slot="form-alert">
      <CircleAlert />
      <AlertTitle>{error.message}</AlertTitle>
      {error.requestId && (
        <AlertDescription>
          <p>
            Request ID: <code className="font-mono text-xs">{error.requestId}</code>
          </p>
        </AlertDescription>
      )}
    </Alert>
  );
}
