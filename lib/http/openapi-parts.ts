import { z, type ZodType } from "zod";

/** Building blocks for the OpenAPI document's path modules (lib/http/openapi.ts gathers them). */

/** A zod schema as JSON Schema, as clients send it (io: "input"). */
export const jsonSchema = (s: ZodType) => z.toJSONSchema(s, { io: "input", unrepresentable: "any", target: "draft-2020-12" });

export const requestRef = { $ref: "#/components/schemas/AccessRequest" };

export const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((c) => [String(c), { description: "Error", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } }]));

export const ok = (description: string, s: object = { type: "object" }, status = 200) => ({
  [String(status)]: { description, content: { "application/json": { schema: s } } },
});

export const body = (s: ZodType) => ({ required: true, content: { "application/json": { schema: jsonSchema(s) } } });

export const pathParam = (name: string) => ({ name, in: "path", required: true, schema: { type: "string" } });

export const queryParams = (s: z.ZodObject) =>
  Object.entries(s.shape).map(([name, field]) => ({ name, in: "query", required: false, schema: jsonSchema(field as ZodType) }));
