import { SirenIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/lib/utils";

/** A break-glass grant, marked as such wherever it is listed: a word and an icon, not only a colour. */
export function EmergencyBadge({ className, reviewed }: { className?: string; reviewed?: boolean }) {
  return (
    <Badge
      variant="destructive"
      className={cn("border-destructive/40 font-semibold tracking-wide", className)}
      title={reviewed === false ? "Break-glass grant, opened without approval; awaiting post-incident review" : "Break-glass grant, opened without approval"}
      data-testid="emergency-badge"
    >
      <SirenIcon aria-hidden="true" />
      EMERGENCY
    </Badge>
  );
}
