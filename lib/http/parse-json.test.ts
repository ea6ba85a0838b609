import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseJson, wellFormedDeep } from "@/lib/http/parse-json";

const refusal = (text: string, what?: string) => {
  try {
    parseJson(text, what);
  } catch (error) {
    return error as AppError;
  }
  throw new Error(`parsed: ${text}`);
};

describe("parseJson", () => {
  it("parses JSON, including escapes of valid text (a surrogate pair, an astral character)", () => {
    expect(parseJson('{"a":[1,"x",null,{"b":true}]}')).toEqual({ a: [1, "x", null, { b: true }] });
    expect(parseJson('"\\ud83d\\ude00 and 😀"')).toBe("😀 and 😀");
    expect(parseJson('"\\uD7FF\\uE000"')).toBe("\uD7FF\uE000");
  });

  it("refuses text that is not JSON with a 400", () => {
    const error = refusal("{not json");
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(400);
    expect(error.message).toBe("The body is not valid JSON.");
    expect(refusal("", "The payload").message).toBe("The payload is not valid JSON.");
  });

  it.each([
    ['"\\ud800"', "a lone leading surrogate"],
    ['"\\uDFFF"', "a lone trailing surrogate"],
    ['"\\udfff\\ud800"', "a pair in the wrong order"],
    ['{"reason":"broken \\ud800 text"}', "inside an object"],
    ['{"a":[1,[2,["\\ud800"]]]}', "deep in arrays"],
    ['{"\\ud800":1}', "in a key"],
  ])("refuses %s (%s) with a 400 that says why", (text) => {
    const error = refusal(text);
    expect(error.status).toBe(400);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toMatch(/lone UTF-16 surrogate/);
  });

  it.each([
    ['"a\\u0000b"', "in a string"],
    ['{"channel":{"id":"C\\u0000"}}', "deep in an object"],
    ['{"\\u0000":1}', "in a key"],
  ])("refuses a NUL escape %s (%s) with a 400 that says why", (text) => {
    const error = refusal(text);
    expect(error.status).toBe(400);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("The body contains a NUL character (\\u0000), which cannot be stored.");
  });

  it("takes an escaped backslash before u0000 as the text it is", () => {
    expect(parseJson('"\\\\u0000"')).toBe("\\u0000");
  });

  it("walks deep nesting without overflowing the stack", () => {
    const deep = "[".repeat(5_000) + '"\\ud800"' + "]".repeat(5_000);
    expect(refusal(deep).message).toMatch(/surrogate/);
    expect(wellFormedDeep(JSON.parse("[".repeat(5_000) + "]".repeat(5_000)))).toBe(true);
  });
});
