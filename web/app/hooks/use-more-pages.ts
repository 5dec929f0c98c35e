import { useState } from "react";

import { toFormError, type FormError } from "~/utils/form-error";

/** A page of a keyset-paginated list, as the API returns it. */
export type Page<T> = { items: T[]; next_cursor: string | null };

type Pages<T> = { first: Page<T>; items: T[]; cursor: string | null };

/**
 * The items of a paginated list loaded so far, starting from the loader's first page, and a way
 * to load the next page on demand. A new first page (the loader ran again, e.g. after a write)
 * starts over from it, so the list never mixes stale pages with fresh ones.
 */
export function useMorePages<T>(first: Page<T>, loadPage: (cursor: string) => Promise<Page<T>>) {
  const [pages, setPages] = useState<Pages<T>>(() => start(first));
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<FormError>();
  if (pages.first !== first) setPages(start(first));

  async function loadMore() {
    if (pages.cursor === null || loading) return;
    setLoading(true);
    setError(undefined);
    try {
      const next = await loadPage(pages.cursor);
      setPages((current) =>
        current.first === pages.first
          ? {
              first: current.first,
              items: [...current.items, ...next.items],
              cursor: next.next_cursor,
            }
          : current,
      );
    } catch (failure) {
      setError(toFormError(failure, { fields: [] }));
    } finally {
      setLoading(false);
    }
  }

  return { items: pages.items, hasMore: pages.cursor !== null, loading, error, loadMore };
}

function start<T>(first: Page<T>): Pages<T> {
  return { first, items: first.items, cursor: first.next_cursor };
}
