const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** Formats an ISO 8601 timestamp as a short local date and time, e.g. "Mar 4, 2026, 9:15 AM". */
export function formatDateTime(iso: string): string {
  return dateTime.format(new Date(iso));
}

/** Formats an ISO 8601 timestamp as a local date, e.g. "Mar 4, 2026". */
export function formatDate(iso: string): string {
  return date.format(new Date(iso));
}
