import type { RefObject } from "react";

import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "~/components/ui/alert-dialog";

type DeleteNoteDialogProps = {
  title: string;
  onConfirm: () => void;
  onClose: () => void;
  /** The button that opened the dialog; it gets focus back when the dialog closes. */
  returnFocusTo: RefObject<HTMLElement | null>;
};

/** Asks before deleting the note titled `title`. */
export default function DeleteNoteDialog({
  title,
  onConfirm,
  onClose,
  returnFocusTo,
}: DeleteNoteDialogProps) {
  return (
    <AlertDialog
      defaultOpen
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
    >
      <AlertDialogContent
        onCloseAutoFocus={(event) => {
          // Radix would focus its Trigger, which this lazily mounted dialog does not have.
          event.preventDefault();
          returnFocusTo.current?.focus();
        }}
      >
        <AlertDialogHeader>
          <AlertDialogTitle>Delete this note?</AlertDialogTitle>
          <AlertDialogDescription className="wrap-anywhere">
            “{title}” will be deleted for good. This cannot be undone.
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Cancel</AlertDialogCancel>
          <AlertDialogAction variant="destructive" onClick={onConfirm}>
            Delete note
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
