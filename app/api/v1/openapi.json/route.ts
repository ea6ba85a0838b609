import { apiRoute, json } from "@/lib/http/api-route";
import { openApiDocument } from "@/lib/http/openapi";

export const GET = apiRoute(async () => json(openApiDocument()));
