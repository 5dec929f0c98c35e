/**
 * The only door to the generated API client: importing from here guarantees the client is
 * configured (same-origin cookies, CSRF header) before any call is made.
 */
import { client } from "~/client/client.gen";
import { ApiError } from "~/utils/api-error";
import { attachCsrfToken } from "~/utils/csrf";

export * from "~/client";

client.setConfig({ credentials: "same-origin" });
client.interceptors.request.use(attachCsrfToken);

type CallResult<T> = { data: T | undefined; error: unknown; response?: Response };

/** Awaits a generated SDK call and returns its data, throwing an ApiError unless it succeeded. */
export async function unwrap<T>(call: Promise<CallResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response?.ok && error === undefined) return data as T;
  throw ApiError.from(error, response);
}
