import { invalidInput } from "@/lib/errors";

/**
 * JSON.parse for text that came from outside (request bodies, Slack's payload field), with
 * one more rule: every string and key must be well-formed UTF-16. JSON can carry a lone
 * surrogate as an escape ("\ud800"); it is not text, PostgreSQL and Prisma's JSON columns
 * refuse it, so it is refused here with a 400 instead of failing deep inside a transaction.
 */
export function parseJson(text: string, what = "The body"): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw invalidInput(`${what} is not valid JSON.`);
  }
  // Text decoded from UTF-8 is always well-formed; a lone surrogate can only come from a \uD800-\uDFFF escape.
  if (/\\u[dD][89a-fA-F]/.test(text) && !wellFormedDeep(value)) {
    throw invalidInput(`${what} contains a lone UTF-16 surrogate (a \\uD800-\\uDFFF escape without its pair), which is not valid text.`);
  }
  // JSON text cannot hold a raw NUL; only the \u0000 escape makes one, and PostgreSQL stores none.
  if (/\\u0000/.test(text) && !nulFreeDeep(value)) {
    throw invalidInput(`${what} contains a NUL character (\\u0000), which cannot be stored.`);
  }
  return value;
}

/** Whether no string or object key inside `value` holds U+0000. */
function nulFreeDeep(value: unknown): boolean {
  return everyString(value, (s) => !s.includes("\u0000"));
}

/** Whether every string and object key inside `value` is well-formed. */
export function wellFormedDeep(value: unknown): boolean {
  return everyString(value, (s) => s.isWellFormed());
}

/** Whether `test` holds for every string and object key inside `value`; iterative, so deep nesting cannot overflow the stack. */
function everyString(value: unknown, test: (s: string) => boolean): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (!test(v)) return false;
    } else if (Array.isArray(v)) {
      for (const item of v) stack.push(item);
    } else if (v !== null && typeof v === "object") {
      for (const [key, inner] of Object.entries(v)) {
        if (!test(key)) return false;
        stack.push(inner);
      }
    }
  }
  return true;
}
