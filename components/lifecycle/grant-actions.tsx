"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { HourglassIcon, Loader2Icon, LogOutIcon, TimerResetIcon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { ConfirmButton } from "@/components/confirm-button";
import { useRequestAction } from "@/components/lifecycle/use-request-action";
import { ApiError, errorMessage } from "@/lib/client/api";
import { formatDuration, parseDuration } from "@/lib/access/duration";
import type { RequestDetail } from "@/lib/access/request-detail";
import { cn } from "@/lib/utils";

const PRESETS = ["15m", "30m", "1h", "2h", "4h"] as const;

/** An extension's duration against what the connection's total cap still allows (the server checks the same). */
export function checkExtension(text: string, maxSeconds: number): { ok: true; seconds: number } | { ok: false; message: string } {
  const parsed = parseDuration(text);
  if (!parsed.ok) return parsed;
  if (parsed.seconds > maxSeconds) {
    return { ok: false, message: `${formatDuration(parsed.seconds)} is more than the ${formatDuration(maxSeconds)} the connection's total cap still allows.` };
  }
  return parsed;
}

/**
 * The requester's own controls on a grant: ask for more time (while the grant keeps
 * running) and end it early. Shown from the server's lifecycle flags only.
 */
export function GrantActions({ request }: { request: RequestDetail }) {
  const { canExtend, canRelease, maxExtensionSeconds } = request.lifecycle;
  const pendingExtension = request.extensions.find((e) => e.status === "PENDING");
  const release = useRequestAction();
  if (!canExtend && !canRelease) return null;
  const scheduled = !request.active;

  return (
    <div className="flex flex-col gap-3 border-t border-current/10 pt-4 sm:flex-row sm:flex-wrap sm:items-center" role="group" aria-label="Your grant">
      {canExtend && !pendingExtension && <ExtendDialog request={request} maxSeconds={maxExtensionSeconds} />}
      {canExtend && pendingExtension && (
        <p className="flex items-center gap-1.5 text-sm text-muted-foreground" data-testid="extension-pending-note">
          <HourglassIcon className="size-4" aria-hidden="true" />
          {formatDuration(pendingExtension.durationSeconds)} more requested; your access keeps running meanwhile.
        </p>
      )}
      {canRelease && (
        <ConfirmButton
          variant="outline"
          className="sm:ml-auto"
          title={scheduled ? "Call off this scheduled access?" : "End your access now?"}
          description={
            scheduled
              ? `The grant on ${request.connection} will not start. Request again if you need it later.`
              : `Your access to ${request.connection} ends immediately instead of when its time is up, and is recorded as released by you.`
          }
          confirmLabel={scheduled ? "Call it off" : "End access now"}
          onConfirm={() =>
            release.mutateAsync(
              { id: request.id, action: "release" },
              {
                onSuccess: (r) => toast.success(scheduled ? "Scheduled access called off" : `Your access to ${r.connection} has ended`, { description: "Released early by you." }),
                onError: (error) => toast.error("Could not end the access", { description: errorMessage(error) }),
              },
            )
          }
        >
          <LogOutIcon aria-hidden="true" />
          {scheduled ? "Call off" : "End access now"}
        </ConfirmButton>
      )}
    </div>
  );
}

function ExtendDialog({ request, maxSeconds }: { request: RequestDetail; maxSeconds: number }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [duration, setDuration] = useState(() => PRESETS.find((p) => checkExtension(p, maxSeconds).ok) ?? formatDuration(maxSeconds));
  const [reason, setReason] = useState("");
  const extend = useRequestAction();
  const check = checkExtension(duration, maxSeconds);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!check.ok || extend.isPending) return;
    try {
      const ext = await extend.mutateAsync({ id: request.id, action: "extend", body: { duration: duration.trim(), reason: reason.trim() } });
      setOpen(false);
      setReason("");
      extend.reset();
      if (ext.status === "APPROVED") toast.success(`Extended by ${ext.duration}`, { description: "Your grant runs longer; nothing was interrupted." });
      else
        toast.success(`Asked for ${ext.duration} more`, {
          description: `Waiting for ${ext.groups.map((g) => g.name).join(" and ")}. Your access keeps running meanwhile.`,
        });
    } catch {
      // Shown in the dialog.
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) extend.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button>
          <TimerResetIcon aria-hidden="true" />
          Request more time
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Request more time on {request.connection}</DialogTitle>
            <DialogDescription>
              The extension goes through the connection&apos;s approval rule again. Your access keeps running while it is decided and is never cut short by it.
            </DialogDescription>
          </DialogHeader>
          <div className="grid gap-2">
            <span className="text-sm font-medium" id={`${id}-presets`}>
              How much longer
            </span>
            <div className="flex flex-wrap gap-2" role="group" aria-labelledby={`${id}-presets`}>
              {PRESETS.map((p) => (
                <Button
                  key={p}
                  type="button"
                  size="sm"
                  variant={duration === p ? "default" : "outline"}
                  aria-pressed={duration === p}
                  disabled={!checkExtension(p, maxSeconds).ok}
                  onClick={() => setDuration(p)}
                  className="min-w-14"
                >
                  {p}
                </Button>
              ))}
            </div>
            <Label htmlFor={`${id}-duration`} className="sr-only">
              Extension duration
            </Label>
            <Input
              id={`${id}-duration`}
              value={duration}
              onChange={(e) => setDuration(e.target.value)}
              autoComplete="off"
              className="max-w-40"
              aria-invalid={!check.ok || undefined}
              aria-describedby={`${id}-duration-hint`}
            />
            <p id={`${id}-duration-hint`} className={cn("text-xs", check.ok ? "text-muted-foreground" : "text-destructive")} aria-live="polite">
              {check.ok ? `Up to ${formatDuration(maxSeconds)} more within the connection's total cap.` : check.message}
            </p>
          </div>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-reason`}>Why more time</Label>
            <Textarea
              id={`${id}-reason`}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              placeholder="What is left to do"
              maxLength={2000}
              rows={3}
            />
          </div>
          {extend.error && (
            <Alert variant="destructive" role="alert">
              <AlertTitle>{extend.error instanceof ApiError && extend.error.isConflict ? "The grant changed meanwhile" : "Not sent"}</AlertTitle>
              <AlertDescription>{errorMessage(extend.error)}</AlertDescription>
            </Alert>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={!check.ok || extend.isPending}>
              {extend.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              Request {check.ok ? formatDuration(check.seconds) : ""} more
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
