import { Button, ButtonLink } from "~/components/ui/button";
import { describeError } from "~/utils/describe-error";

/** A friendly full-page error with the request id to quote, used by the error boundaries. */
export function ErrorView({ error }: { error: unknown }) {
  const { title, message, requestId, details } = describeError(error, {
    debug: import.meta.env.DEV,
  });
  return (
    <section
      aria-labelledby="error-title"
      className="mx-auto flex max-w-lg flex-col items-center gap-4 px-4 py-16 text-center"
    >
      <h1 id="error-title" className="text-2xl font-semibold tracking-tight">
        {title}
      </h1>
      <p className="text-muted-foreground">{message}</p>
      {requestId && (
        <p className="text-sm text-muted-foreground">
          Request ID:{" "}
          <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{requestId}</code>
        </p>
      )}
      <div className="flex gap-2">
        <Button
          variant="outline"
          onClick={() => {
            window.location.reload();
          }}
        >
          Try again
        </Button>
        <ButtonLink to="/">Go home</ButtonLink>
      </div>
      {details && (
        <pre className="mt-4 max-w-full overflow-x-auto rounded-md bg-muted p-4 text-left text-xs">
          {details}
        </pre>
      )}
    </section>
  );
}
