import { apiRoute, json } from "@/lib/http/api-route";
import { testProvisioner } from "@/lib/provisioning/provisioner-config";

export const POST = apiRoute<{ name: string }>(async (c) => json(await testProvisioner(await c.context(), c.params.name, await c.body())));
