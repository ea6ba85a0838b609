import { expect, it } from "vitest";
import { csvField } from "@/lib/audit/export-events";

it("quotes CSV fields and defuses spreadsheet formulas", () => {
  expect(csvField("plain")).toBe("plain");
  expect(csvField('say "hi", ok')).toBe('"say ""hi"", ok"');
  expect(csvField("line\nbreak")).toBe('"line\nbreak"');
  expect(csvField("=HYPERLINK(\"x\")")).toBe('"\'=HYPERLINK(""x"")"');
  expect(csvField(null)).toBe("");
  expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
});
