import { redirect } from "next/navigation";
import { optionalPageActor } from "@/lib/auth/current-actor";

export const dynamic = "force-dynamic";

/** The root has no content of its own: signed-in people land on their requests, others on sign-in. */
export default async function Home() {
  redirect((await optionalPageActor()) ? "/requests" : "/signin");
}
