import { describe, expect, it } from "vitest";
import { cn, initials } from "@/lib/utils";

describe("cn", () => {
  it("lets the later conflicting utility win", () => {
    expect(cn("px-2 py-1", false && "hidden", "px-4")).toBe("py-1 px-4");
  });
});

describe("initials", () => {
  it("takes the first letters of the first two words of the name", () => {
    expect(initials("Alice Developer", "alice@example.com")).toBe("AD");
    expect(initials("  Ada  ", "admin@example.com")).toBe("A");
  });

  it("falls back to the email when there is no name", () => {
    expect(initials(null, "bob@example.com")).toBe("B");
    expect(initials("   ", "carol@example.com")).toBe("C");
  });
});
