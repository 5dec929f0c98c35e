import { useNavigation } from "react-router";

/** A thin indeterminate bar at the top of the page while a route loads or a form submits. */
export function NavigationProgress() {
  const { state } = useNavigation();
  if (state === "idle") return null;
  return (
    <div role="status" className="fixed inset-x-0 top-0 z-50 h-0.5 overflow-hidden bg-primary/15">
      <span className="sr-only">Loading…</span>
      <div className="h-full w-1/3 animate-progress bg-primary" />
    </div>
  );
}
