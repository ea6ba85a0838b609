import { invalidInput } from "@/lib/errors";

/** Where a keyset-paginated list of requests goes on: the last row's creation time and id. */
export type RequestCursor = { t: string; id: string };

export const encodeCursor = (c: RequestCursor): string => Buffer.from(JSON.stringify(c)).toString("base64url");

export function decodeCursor(text: string): RequestCursor {
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as RequestCursor;
    // A date the database and its driver can take: a forged far-off year would be a 500 otherwise.
    const year = new Date(c.t).getUTCFullYear();
    if (typeof c.t === "string" && typeof c.id === "string" && year >= 1 && year <= 9999) return c;
  } catch {
    // fall through
  }
  throw invalidInput("cursor is not one this API returned.");
}
