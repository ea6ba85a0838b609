import { AppShell } from "@/components/shell/app-shell";
import { pageActor } from "@/lib/auth/page-actor";
import { countReviewable } from "@/lib/access/count-reviewable";
import { DeprovisionAlertBanner } from "@/components/grants/deprovision-alert-banner";
import { signOutAction } from "./sign-out-action";

// Every page in the group shows who is signed in, so it is rendered per request.
export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await pageActor();
  const user = { name: actor.name, email: actor.email, groupNames: [...actor.groupNames], isAdmin: actor.isAdmin };
  return (
    <AppShell user={user} reviewCount={await countReviewable(actor)} signOutAction={signOutAction}>
      {actor.isAdmin && <DeprovisionAlertBanner />}
      {children}
    </AppShell>
  );
}
