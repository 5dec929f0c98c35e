export const APP_NAME = "Fullstack Flake";

/** The document title for a page: "Notes · Fullstack Flake". */
export function pageTitle(page?: string): string {
  return page ? `${page} · ${APP_NAME}` : APP_NAME;
}
