import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { publicUrl } from "@/lib/notifications/links";

/** The dev outbox exists only in demo mode. */
export function devOutboxEnabled(): boolean {
  return env().TIMEBOX_DEMO;
}

export async function listDevEmails(opts: { to?: string; limit?: number } = {}) {
  return db().devOutboxEmail.findMany({
    where: opts.to ? { to: opts.to } : {},
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? 100,
    select: { id: true, to: true, subject: true, createdAt: true },
  });
}

export async function getDevEmail(id: string) {
  return db().devOutboxEmail.findUnique({ where: { id } });
}

/** Links to this Timebox become relative, so they work on whatever address the outbox is viewed at. */
export function localiseLinks(html: string): string {
  const base = publicUrl();
  return html.split(`href="${base}/`).join('href="/');
}

const decode = (s: string) =>
  s
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#x27;|&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");

/** The links of an email, with their text, for the outbox's list of clickable buttons. */
export function emailLinks(html: string): { text: string; href: string }[] {
  const links: { text: string; href: string }[] = [];
  for (const match of localiseLinks(html).matchAll(/<a\b[^>]*href="([^"]+)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    // react-email pads buttons with hair and zero-width spaces.
    const text = decode(match[2]!.replace(/<[^>]+>/g, "")).replace(/[\s\u200a\u200b]+/g, " ").trim();
    links.push({ href: decode(match[1]!), text: text || decode(match[1]!) });
  }
  return links;
}
