import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/http/openapi";

const root = path.resolve(import.meta.dirname, "../..");
const apiDir = path.join(root, "app/api/v1");

/** Every route handler under app/api/v1: its OpenAPI path ([id] → {id}) and the HTTP methods it exports. */
function routeFiles(): { path: string; methods: string[] }[] {
  const found: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === "route.ts") {
        const segments = path.relative(apiDir, dir).split(path.sep).filter(Boolean).map((s) => s.replace(/^\[(.+)\]$/, "{$1}"));
        const source = readFileSync(full, "utf8");
        const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
        found.push({ path: ["/api/v1", ...segments].join("/"), methods: methods.sort() });
      }
    }
  };
  walk(apiDir);
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

type Operation = { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; responses: Record<string, unknown> };
const doc = openApiDocument();
const paths = doc.paths as unknown as Record<string, Record<string, Operation>>;

describe("the OpenAPI document", () => {
  it("has a path, with each method, for every route handler under app/api/v1, and nothing else", () => {
    const routes = routeFiles();
    expect(routes.length).toBeGreaterThan(30);
    for (const r of routes) expect(r.methods.length, `${r.path} exports no HTTP method`).toBeGreaterThan(0);
    const documented = Object.entries(paths)
      .map(([p, ops]) => ({ path: p, methods: Object.keys(ops).sort() }))
      .sort((a, b) => a.path.localeCompare(b.path));
    expect(documented).toEqual(routes);
  });

  it("declares every path parameter its path names", () => {
    for (const [p, ops] of Object.entries(paths)) {
      const names = [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(ops)) {
        const declared = (op.parameters ?? []).filter((x) => x.in === "path").map((x) => x.name);
        expect(declared, `${method.toUpperCase()} ${p}`).toEqual(names);
      }
    }
  });

  it("resolves every $ref to a component", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) expect(doc.components.schemas, ref).toHaveProperty(ref);
  });

  it("describes extend, release and acknowledge from the handlers' schemas", () => {
    const extend = paths["/api/v1/access-requests/{id}/extend"]!.post!;
    expect(Object.keys(extend.requestBody!.content["application/json"]!.schema.properties as object)).toEqual(["duration", "reason"]);
    expect(extend.requestBody!.content["application/json"]!.schema.required).toEqual(["duration"]);
    expect(Object.keys(extend.responses)).toEqual(expect.arrayContaining(["201", "400", "403", "409"]));
    const release = paths["/api/v1/access-requests/{id}/release"]!.post!;
    expect(release.requestBody).toBeUndefined();
    expect(Object.keys(release.responses)).toEqual(expect.arrayContaining(["200", "403", "409"]));
    const acknowledge = paths["/api/v1/access-requests/{id}/acknowledge"]!.post!;
    expect(acknowledge.requestBody!.content["application/json"]!.schema).toMatchObject({ required: ["note"], properties: { note: { type: "string", maxLength: 4000 } } });
  });

  it("describes insights, the audit export and the chain check", () => {
    const insights = paths["/api/v1/insights"]!.get!;
    expect(insights.parameters).toEqual([expect.objectContaining({ name: "days", in: "query" })]);
    expect(Object.keys(insights.responses)).toEqual(expect.arrayContaining(["200", "400", "403"]));
    const exported = paths["/api/v1/audit/export"]!.get!;
    expect(exported.parameters!.map((x) => x.name)).toEqual(["actor", "connection", "request", "action", "format"]);
    expect(JSON.stringify(exported.parameters!.find((x) => x.name === "format"))).toContain('"enum":["csv","jsonl"]');
    expect(Object.keys((exported.responses["200"] as { content: object }).content)).toEqual(["application/x-ndjson", "text/csv"]);
    const verify = paths["/api/v1/audit/verify"]!.get!;
    expect(JSON.stringify(verify.responses["200"])).toContain("firstBrokenId");
  });
});
