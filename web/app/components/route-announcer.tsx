import { useEffect, useRef, useState } from "react";
import { useLocation } from "react-router";

/**
 * Client-side navigation is silent to assistive technology: after each change of page this
 * announces the new title and moves focus to the main landmark, as a full page load would
 * reset it to the top of the document.
 */
export function RouteAnnouncer({ mainId }: { mainId: string }) {
  const { pathname } = useLocation();
  const [announcement, setAnnouncement] = useState("");
  const previous = useRef(pathname);

  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    document.getElementById(mainId)?.focus({ preventScroll: true });
    // React Router has rendered the new page's <title> by the time effects run.
    setAnnouncement(document.title);
  }, [pathname, mainId]);

  return (
    <div aria-live="assertive" aria-atomic className="sr-only">
      {announcement}
    </div>
  );
}
