import type { ZodError, ZodType } from "zod";
import { AppError } from "@/lib/errors";

/** One readable line from a zod error: the first problem, with where it is. */
export function zodMessage(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid input.";
  const where = issue.path.length ? `${issue.path.join(".")}: ` : "";
  return `${where}${issue.message}`;
}

export function parseInput<T>(schema: ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("invalid_input", zodMessage(result.error));
  return result.data;
}
