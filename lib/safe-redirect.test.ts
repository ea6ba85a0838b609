import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/safe-redirect";

describe("safeRedirectPath", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirectPath("/reviews")).toBe("/reviews");
    expect(safeRedirectPath("/requests/abc?tab=history")).toBe("/requests/abc?tab=history");
  });

  it("refuses other sites and odd values", () => {
    for (const bad of ["//evil.example", "/\\evil.example", "https://evil.example/", "requests", "", "/x\nSet-Cookie:a", undefined, 42]) {
      expect(safeRedirectPath(bad)).toBe("/requests");
    }
  });

  it("does not loop back to sign-in", () => {
    expect(safeRedirectPath("/signin")).toBe("/requests");
    expect(safeRedirectPath("/signin?error=x")).toBe("/requests");
    expect(safeRedirectPath("/api/auth/signout")).toBe("/requests");
  });
});
