import { ApiError } from "~/utils/api-error";

/** What a form shows after a failed submit: a summary plus messages keyed by field name. */
export type FormError = {
  message: string;
  requestId: string | null;
  fields: Partial<Record<string, string>>;
};

type Options = {
  /** The form's input names; errors for other fields go into the summary instead. */
  fields: readonly string[];
  /** Statuses whose message belongs to one field, e.g. `{ 409: "email" }` for a taken email. */
  statusFields?: Partial<Record<number, string>>;
  /** Set on forms that authenticate, where a 401 means wrong credentials. */
  allowUnauthenticated?: boolean;
};

/**
 * Turns a failed API call into inline form errors. Anything that is not an ApiError is a bug
 * and is rethrown to the error boundary; so is a 401, which inside the app means the session
 * ended (the protected layout then sends the user to sign in).
 */
export function toFormError(error: unknown, options: Options): FormError {
  if (!(error instanceof ApiError)) throw error;
  if (error.status === 401 && !options.allowUnauthenticated) throw error;
  const inline: FormError["fields"] = {};
  const other: string[] = [];
  for (const { field, message } of error.fields) {
    if (options.fields.includes(field)) inline[field] ??= sentence(message);
    else other.push(field ? `${field}: ${message}` : sentence(message));
  }
  const statusField = options.statusFields?.[error.status];
  if (statusField !== undefined && error.fields.length === 0) {
    inline[statusField] = sentence(error.message);
  }

  let message = sentence(error.message);
  if (other.length > 0) message = other.join(" ");
  else if (Object.keys(inline).length > 0) message = "Please correct the highlighted fields.";
  // A request id helps support with a server fault; next to "wrong password" it is noise.
  const requestId = error.status >= 500 ? error.requestId : null;
  return { message, requestId, fields: inline };
}

/** Validation messages arrive as fragments ("must not be blank"); show them as sentences. */
function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
