import { apiRoute } from "@/lib/http/api-route";
import { exportEvents } from "@/lib/audit/export-events";

export const GET = apiRoute(async (c) => {
  const { contentType, filename, stream } = exportEvents(await c.actor(), c.searchParams());
  return new Response(stream, {
    headers: { "Content-Type": contentType, "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
});
