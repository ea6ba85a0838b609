import { AppError } from "@/lib/errors";

/**
 * Reads a request body once, as text, refusing more than `limit` bytes whether or not
 * the client declared its length: a huge body is cut off, never buffered.
 */
export async function readRawBody(request: Request, limit: number): Promise<string> {
  const tooLarge = () => new AppError("payload_too_large", `The body is over ${limit / 1024} KB.`);
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw tooLarge();
  const reader = request.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
