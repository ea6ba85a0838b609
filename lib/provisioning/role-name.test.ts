import { expect, it } from "vitest";
import fc from "fast-check";
import { roleNameFor } from "@/lib/provisioning/role-name";

it("names the role after the requester and the request", () => {
  expect(roleNameFor("Alice.Dev+ops@example.com", "cmi8x0abc123")).toBe("tb_alice_dev_ops_cmi8x0abc123");
  expect(roleNameFor("@example.com", "r1")).toBe("tb_user_r1");
});

it("is always a short, plain lowercase identifier", () => {
  fc.assert(
    fc.property(fc.string(), fc.string({ minLength: 1 }), (email, id) => {
      const role = roleNameFor(email, `c${id}`);
      expect(role).toMatch(/^tb_[a-z0-9_]+$/);
      expect(role.length).toBeLessThanOrEqual(63);
    }),
  );
});
