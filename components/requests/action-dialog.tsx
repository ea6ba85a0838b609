"use client";

import { useId, useState } from "react";
import { Loader2Icon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { ApiError, errorMessage } from "@/lib/client/api";

type Props = {
  trigger: React.ReactNode;
  title: string;
  description: React.ReactNode;
  fieldLabel: string;
  placeholder?: string;
  /** The domain refuses an empty reason for revoke and force approve; the form says so before sending. */
  required?: boolean;
  confirmLabel: string;
  confirmVariant?: ButtonProps["variant"];
  onConfirm: (text: string) => Promise<unknown>;
};

/**
 * A decision with words attached: approve with a comment, reject, revoke or force
 * approve with a reason. Stays open on failure and says why, in place.
 */
export function ActionDialog({ trigger, title, description, fieldLabel, placeholder, required, confirmLabel, confirmVariant = "default", onConfirm }: Props) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldId = useId();
  const missing = required && text.trim() === "";

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (missing || pending) return;
    setPending(true);
    setError(null);
    try {
      await onConfirm(text.trim());
      setOpen(false);
      setText("");
    } catch (e) {
      setError(e);
    } finally {
      setPending(false);
    }
  }

  const conflict = error instanceof ApiError && error.isConflict;
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) setError(null);
      }}
    >
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>{title}</DialogTitle>
            <DialogDescription>{description}</DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <Label htmlFor={fieldId}>
              {fieldLabel}
              {!required && <span className="font-normal text-muted-foreground">(optional)</span>}
            </Label>
            <Textarea
              id={fieldId}
              value={text}
              onChange={(e) => setText(e.target.value)}
              placeholder={placeholder}
              maxLength={2000}
              required={required}
              autoFocus
              rows={3}
            />
          </div>
          {error !== null && (
            <Alert variant="destructive" role="alert">
              <AlertTitle>{conflict ? "This request changed meanwhile" : "That did not work"}</AlertTitle>
              <AlertDescription>{errorMessage(error)}</AlertDescription>
            </Alert>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" variant={confirmVariant} disabled={missing || pending}>
              {pending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              {confirmLabel}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
