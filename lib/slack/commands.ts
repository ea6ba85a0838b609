import { db } from "@/lib/db";
import type { RequestMeta } from "@/lib/access/context";
import { slackLinkUrl, unlinkSlackUser } from "@/lib/slack/link-account";

const HELP = [
  "*Timebox* commands:",
  "• `/timebox subscribe`: link your Slack account to Timebox, to approve from Slack and get DMs about your requests",
  "• `/timebox unsubscribe`: unlink it",
  "• `/timebox status`: which Timebox account this Slack account is linked to",
].join("\n");

const ephemeral = (text: string) => ({ response_type: "ephemeral", text });

/** Answers a `/timebox …` slash command; the reply is only visible to the person who typed it. */
export async function handleCommand(fields: URLSearchParams, meta: RequestMeta, now = new Date()): Promise<Record<string, unknown>> {
  const slackUser = fields.get("user_id") ?? "";
  const teamId = fields.get("team_id") ?? "";
  const [sub = ""] = (fields.get("text") ?? "").trim().toLowerCase().split(/\s+/);
  if (!slackUser) return ephemeral("Slack did not say who you are; try again.");
  switch (sub) {
    case "subscribe":
    case "link": {
      const linked = await db().user.findUnique({ where: { slackUserId: slackUser }, select: { email: true } });
      if (linked) return ephemeral(`You are already linked to Timebox as ${linked.email}. Run \`/timebox unsubscribe\` first to link another account.`);
      const { url } = slackLinkUrl(slackUser, teamId, now);
      return ephemeral(
        `Open this link while signed in to Timebox to link your Slack account: <${url}|Link my Timebox account>\nIt works once and expires in 15 minutes. Do not share it.`,
      );
    }
    case "unsubscribe":
    case "unlink": {
      const email = await unlinkSlackUser(slackUser, meta);
      return ephemeral(email ? `Unlinked: this Slack account no longer acts as ${email} in Timebox.` : "This Slack account was not linked to Timebox.");
    }
    case "status":
    case "whoami": {
      const linked = await db().user.findUnique({ where: { slackUserId: slackUser }, select: { email: true } });
      return ephemeral(linked ? `This Slack account is linked to ${linked.email}.` : "This Slack account is not linked. Run `/timebox subscribe`.");
    }
    default:
      return ephemeral(HELP);
  }
}
