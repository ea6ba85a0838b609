import { apiRoute, json } from "@/lib/http/api-route";
import { checkRequestAccess } from "@/lib/access/check-request-access";

export const GET = apiRoute<{ name: string }>(async (c) => json(await checkRequestAccess(c.request, c.params.name, c.searchParams().user)));
