import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { parseInteractionPayload } from "@/lib/slack/interactions";

const refusal = (text: string | null) => {
  try {
    parseInteractionPayload(text);
  } catch (error) {
    return error as AppError;
  }
  throw new Error(`accepted: ${text}`);
};

describe("Slack interaction payloads", () => {
  it("keeps what the endpoint reads from a button press and drops the rest", () => {
    const payload = parseInteractionPayload(
      JSON.stringify({
        type: "block_actions",
        team: { id: "T1" },
        user: { id: "U1", name: "alice" },
        channel: { id: "C1", name: "approvals" },
        trigger_id: "t-1",
        actions: [{ action_id: "timebox_approve", value: "req-1", type: "button" }],
      }),
    );
    expect(payload).toEqual({ type: "block_actions", user: { id: "U1" }, channel: { id: "C1" }, trigger_id: "t-1", actions: [{ action_id: "timebox_approve", value: "req-1" }] });
  });

  it("reads a dialog submission, including inputs that carry no value (selects) and an empty one (null)", () => {
    const payload = parseInteractionPayload(
      JSON.stringify({
        type: "view_submission",
        user: { id: "U1" },
        view: {
          callback_id: "timebox_reject_modal",
          private_metadata: '{"requestId":"req-1"}',
          state: { values: { reason: { reason_input: { type: "plain_text_input", value: null } }, other: { pick: { type: "static_select", selected_option: null } } } },
        },
      }),
    );
    expect(payload.view?.state?.values?.reason?.reason_input?.value).toBeNull();
    expect(payload.view?.private_metadata).toBe('{"requestId":"req-1"}');
  });

  it.each([
    ["a button value that is not a string", { type: "block_actions", user: { id: "U1" }, actions: [{ action_id: "timebox_approve", value: ["x"] }] }, /actions\.0\.value/],
    ["a user id that is a number", { type: "block_actions", user: { id: 7 } }, /user\.id/],
    ["actions that are not a list", { type: "block_actions", actions: { action_id: "timebox_approve" } }, /actions/],
    ["a reason that is not a string", { type: "view_submission", view: { state: { values: { reason: { reason_input: { value: 42 } } } } } }, /value/],
    ["private_metadata that is not a string", { type: "view_submission", view: { private_metadata: { requestId: "r" } } }, /private_metadata/],
    ["no type", { user: { id: "U1" } }, /type/],
  ])("refuses %s with a 400 naming the field", (_what, payload, field) => {
    const error = refusal(JSON.stringify(payload));
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^The payload is not a Slack interaction: /);
    expect(error.message).toMatch(field);
  });

  it.each([["null"], ["[]"], ['"block_actions"'], ["42"]])("refuses a payload of %s", (text) => {
    expect(refusal(text).status).toBe(400);
  });

  it("refuses a missing payload, text that is not JSON and a lone surrogate", () => {
    expect(refusal(null).message).toMatch(/form field `payload`/);
    expect(refusal("{").message).toBe("The payload is not valid JSON.");
    expect(refusal('{"type":"block_actions","channel":{"id":"C\\ud800"}}').message).toMatch(/lone UTF-16 surrogate/);
  });
});
