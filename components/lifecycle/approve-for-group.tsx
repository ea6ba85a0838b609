"use client";

import { useId, useState } from "react";
import { toast } from "sonner";
import { CheckIcon, Loader2Icon } from "lucide-react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button, type ButtonProps } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle, DialogTrigger } from "@/components/ui/dialog";
import { Label } from "@/components/ui/label";
import { Textarea } from "@/components/ui/textarea";
import { useRequestAction } from "@/components/lifecycle/use-request-action";
import { ApiError, errorMessage } from "@/lib/client/api";
import type { AccessRequestView } from "@/lib/access/request-view";
import { cn } from "@/lib/utils";

/**
 * Approve under separation of duties when the approver is in several of the request's
 * groups: their approval counts for one group only, so they choose which (the server
 * refuses an approval without one, and the choices come from the server).
 */
export function ApproveForGroupDialog({
  request,
  choices,
  triggerClassName,
  triggerSize,
}: {
  request: Pick<AccessRequestView, "id" | "connection" | "duration" | "requester" | "groups">;
  choices: string[];
  triggerClassName?: string;
  triggerSize?: ButtonProps["size"];
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [group, setGroup] = useState<string | null>(null);
  const [comment, setComment] = useState("");
  const approve = useRequestAction();
  const who = request.requester.name ?? request.requester.email;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!group || approve.isPending) return;
    try {
      const r = await approve.mutateAsync({ id: request.id, action: "approve", body: { group, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      setOpen(false);
      approve.reset();
      const waiting = r.groups.filter((g) => !g.satisfied).map((g) => g.name);
      if (r.status === "APPROVED") toast.success(`Approved: ${who} has access to ${r.connection}`, { description: `for ${r.duration}` });
      else toast.success(`Your approval counts for ${group}`, { description: waiting.length ? `Still waiting on ${waiting.join(" and ")}.` : undefined });
    } catch {
      // Shown in the dialog.
    }
  }

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) approve.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button className={triggerClassName} size={triggerSize}>
          <CheckIcon aria-hidden="true" />
          Approve…
        </Button>
      </DialogTrigger>
      <DialogContent>
        <form onSubmit={submit} className="grid gap-4">
          <DialogHeader>
            <DialogTitle>Approve {who}&apos;s request for one group</DialogTitle>
            <DialogDescription>
              {request.duration} on {request.connection}. This connection needs distinct approvers: your approval counts for one group only, and another person approves
              for the other.
            </DialogDescription>
          </DialogHeader>
          <fieldset className="grid gap-2">
            <legend className="mb-1 text-sm font-medium">Approve as a member of</legend>
            <div role="radiogroup" aria-label="Approve for group" className="grid gap-2">
              {choices.map((name) => {
                const progress = request.groups.find((g) => g.name === name);
                const checked = group === name;
                return (
                  <label
                    key={name}
                    className={cn(
                      "flex cursor-pointer items-center gap-3 rounded-lg border px-3 py-2 text-sm transition-colors has-[:focus-visible]:ring-[3px] has-[:focus-visible]:ring-ring/50 hover:bg-accent/50",
                      checked && "border-primary bg-primary/5",
                    )}
                  >
                    <input type="radio" name={`${id}-group`} value={name} checked={checked} onChange={() => setGroup(name)} className="size-4 accent-[var(--primary)]" />
                    <span className="flex-1 font-medium">{name}</span>
                    {progress && (
                      <span className="text-xs text-muted-foreground">
                        {progress.approvals.length} of {progress.minApprovals}
                      </span>
                    )}
                  </label>
                );
              })}
            </div>
          </fieldset>
          <div className="grid gap-2">
            <Label htmlFor={`${id}-comment`}>
              Comment <span className="font-normal text-muted-foreground">(optional)</span>
            </Label>
            <Textarea id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} rows={2} />
          </div>
          {approve.error && (
            <Alert variant="destructive" role="alert">
              <AlertTitle>{approve.error instanceof ApiError && approve.error.isConflict ? "This request changed meanwhile" : "Not approved"}</AlertTitle>
              <AlertDescription>{errorMessage(approve.error)}</AlertDescription>
            </Alert>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              Cancel
            </Button>
            <Button type="submit" disabled={!group || approve.isPending}>
              {approve.isPending && <Loader2Icon className="animate-spin" aria-hidden="true" />}
              {group ? `Approve for ${group}` : "Choose a group"}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
