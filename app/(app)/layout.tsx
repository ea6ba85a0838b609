import { AppShell } from "@/components/shell/app-shell";
import { requirePageActor } from "@/lib/auth/current-actor";
import { signOutAction } from "./sign-out-action";

// Every page in the group shows who is signed in, so it is rendered per request.
export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const actor = await requirePageActor();
  const user = { name: actor.name, email: actor.email, groupNames: [...actor.groupNames], isAdmin: actor.isAdmin };
  return (
    <AppShell user={user} signOutAction={signOutAction}>
      {children}
    </AppShell>
  );
}
