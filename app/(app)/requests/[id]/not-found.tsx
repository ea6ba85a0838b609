import Link from "next/link";
import { SearchXIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/empty-state";

/** Unknown ids and requests the viewer may not see look the same: existence is not leaked. */
export default function RequestNotFound() {
  return (
    <EmptyState
      Icon={SearchXIcon}
      title="Request not found"
      headingLevel={1}
      action={
        <Button asChild variant="outline">
          <Link href="/requests">Back to my requests</Link>
        </Button>
      }
    >
      It does not exist, or it is not yours to see: requests are visible to their requester, their approvers and admins.
    </EmptyState>
  );
}
