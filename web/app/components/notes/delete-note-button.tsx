import { Trash2 } from "lucide-react";
import { lazy, Suspense, useRef, useState } from "react";
import { useSubmit } from "react-router";

import { Button } from "~/components/ui/button";
import { Spinner } from "~/components/ui/spinner";
import { useIsSubmitting } from "~/hooks/use-is-submitting";

// The dialog pulls in Radix (~14 KB gzip), so it loads on first use rather than with the page;
// hovering or focusing the button starts the download early.
const loadDialog = () => import("~/components/notes/delete-note-dialog");
const DeleteNoteDialog = lazy(loadDialog);

/** Deletes the current note after the user confirms in a dialog. */
export function DeleteNoteButton({ title }: { title: string }) {
  const submit = useSubmit();
  const deleting = useIsSubmitting({ intent: "delete" });
  const [confirming, setConfirming] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);

  return (
    <>
      <Button
        ref={buttonRef}
        variant="outline"
        disabled={deleting}
        aria-haspopup="dialog"
        onPointerEnter={() => void loadDialog()}
        onFocus={() => void loadDialog()}
        onClick={() => {
          setConfirming(true);
        }}
      >
        {deleting ? <Spinner /> : <Trash2 aria-hidden />}
        {deleting ? "Deleting…" : "Delete"}
      </Button>
      {confirming && (
        <Suspense fallback={null}>
          <DeleteNoteDialog
            title={title}
            returnFocusTo={buttonRef}
            onConfirm={() => void submit({ intent: "delete" }, { method: "post" })}
            onClose={() => {
              setConfirming(false);
            }}
          />
        </Suspense>
      )}
    </>
  );
}
