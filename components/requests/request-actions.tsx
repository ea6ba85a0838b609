"use client";

import { BanIcon, CheckIcon, XIcon, ZapIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { ActionDialog } from "@/components/requests/action-dialog";
import { useDecision } from "@/components/requests/use-decision";
import { ApproveForGroupDialog } from "@/components/lifecycle/approve-for-group";
import type { RequestDetail } from "@/lib/access/request-detail";

/**
 * The decisions this viewer may take, as the server computed them (allowedActions);
 * nothing is offered that the domain would refuse for lack of permission.
 */
export function RequestActions({ request }: { request: RequestDetail }) {
  const decide = useDecision();
  const { canApprove, canReject, canRevoke, canForceApprove, approvedByViewer } = request.allowedActions;
  const who = request.requester.name ?? request.requester.email;
  const run = (decision: "approve" | "reject" | "revoke" | "force-approve") => (text: string) => decide.mutateAsync({ id: request.id, decision, text });

  if (!canApprove && !canReject && !canRevoke && !canForceApprove) {
    return approvedByViewer && request.status === "PENDING" ? (
      <p className="text-sm text-muted-foreground" data-testid="approved-by-you">
        <CheckIcon className="mr-1 inline size-4 text-success" aria-hidden="true" />
        You approved this request. It needs the other groups too.
      </p>
    ) : null;
  }

  return (
    <div className="flex flex-col gap-3 border-t border-current/10 pt-4 sm:flex-row sm:flex-wrap sm:items-center" role="group" aria-label="Decide on this request">
      {approvedByViewer && request.status === "PENDING" && (
        <p className="text-sm text-muted-foreground sm:mr-auto">You approved this request; other groups still need to.</p>
      )}
      {canApprove && request.lifecycle.approveGroupChoices.length > 1 && <ApproveForGroupDialog request={request} choices={request.lifecycle.approveGroupChoices} triggerClassName="sm:min-w-28" />}
      {canApprove && request.lifecycle.approveGroupChoices.length <= 1 && (
        <ActionDialog
          trigger={
            <Button className="sm:min-w-28">
              <CheckIcon aria-hidden="true" />
              Approve
            </Button>
          }
          title={`Approve ${who}'s request?`}
          description={`${request.duration} on ${request.connection}. ${
            request.distinctApprovers ? "This connection needs distinct approvers: your approval counts for one group only." : "Your approval counts for every required group you are in."
          }`}
          fieldLabel="Comment"
          placeholder="Anything the requester or other approvers should know"
          confirmLabel="Approve"
          onConfirm={run("approve")}
        />
      )}
      {canReject && (
        <ActionDialog
          trigger={
            <Button variant="outline" className="sm:min-w-28">
              <XIcon aria-hidden="true" />
              Reject
            </Button>
          }
          title={`Reject ${who}'s request?`}
          description="The request ends at once. The requester sees your reason."
          fieldLabel="Reason"
          placeholder="Why not, or what to do instead"
          confirmLabel="Reject"
          confirmVariant="destructive"
          onConfirm={run("reject")}
        />
      )}
      {canForceApprove && (
        <ActionDialog
          trigger={
            <Button variant="secondary">
              <ZapIcon aria-hidden="true" />
              Force approve
            </Button>
          }
          title="Force approve as admin?"
          description="This completes every approval group at once and is marked as forced in the audit log. Use it for emergencies."
          fieldLabel="Reason"
          placeholder="e.g. incident INC-1234, approvers unreachable"
          required
          confirmLabel="Force approve"
          onConfirm={run("force-approve")}
        />
      )}
      {canRevoke && (
        <ActionDialog
          trigger={
            <Button variant="destructive">
              <BanIcon aria-hidden="true" />
              Revoke access
            </Button>
          }
          title={`Revoke ${who}'s access now?`}
          description={`The grant on ${request.connection} ends immediately instead of at its planned time.`}
          fieldLabel="Reason"
          placeholder="Why the access ends early"
          required
          confirmLabel="Revoke access"
          confirmVariant="destructive"
          onConfirm={run("revoke")}
        />
      )}
    </div>
  );
}
