import type { ErrorDetail, FieldError } from "~/client";

/** Error codes the SPA produces itself, when there is no API error body to read. */
export const NETWORK_ERROR = "network_error";
export const UNEXPECTED_RESPONSE = "unexpected_response";

/**
 * A failed API call: the API's error body (`{"error": {...}}`) plus the HTTP status.
 * Status 0 means no response arrived at all.
 */
export class ApiError extends Error {
  override readonly name = "ApiError";
  readonly status: number;
  readonly code: string;
  readonly requestId: string | null;
  readonly fields: FieldError[];

  constructor(status: number, detail: ErrorDetail) {
    super(detail.message);
    this.status = status;
    this.code = detail.code;
    this.requestId = detail.request_id ?? null;
    this.fields = detail.fields ?? [];
  }

  /** Builds the error for a failed call from whatever the generated client returned. */
  static from(body: unknown, response: Response | undefined): ApiError {
    if (!response) {
      return new ApiError(0, {
        code: NETWORK_ERROR,
        message: "The server could not be reached. Check your connection and try again.",
        request_id: null,
      });
    }
    const requestId = response.headers.get("x-request-id");
    const detail = parseErrorBody(body) ?? {
      code: UNEXPECTED_RESPONSE,
      message: `The server answered with an unexpected error (HTTP ${response.status}).`,
      request_id: null,
    };
    return new ApiError(response.status, { ...detail, request_id: detail.request_id ?? requestId });
  }
}

/** Validates an untrusted error body; returns null unless it has the documented shape. */
export function parseErrorBody(body: unknown): ErrorDetail | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message, request_id: requestId, fields } = body.error;
  if (typeof code !== "string" || typeof message !== "string") return null;
  return {
    code,
    message,
    request_id: typeof requestId === "string" && requestId !== "" ? requestId : null,
    fields: Array.isArray(fields) ? fields.filter(isFieldError) : [],
  };
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === "string" && typeof value.message === "string";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
