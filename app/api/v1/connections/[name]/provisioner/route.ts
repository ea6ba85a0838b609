import { apiRoute, json } from "@/lib/http/api-route";
import { getProvisioner, setProvisioner } from "@/lib/provisioning/provisioner-config";

export const GET = apiRoute<{ name: string }>(async (c) => json(await getProvisioner(await c.actor(), c.params.name)));

export const PUT = apiRoute<{ name: string }>(async (c) => json(await setProvisioner(await c.context(), c.params.name, await c.body())));
