/** Output for people: durations in words, a spinner on terminals, aligned tables. */

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;

/** "2 hours", "1 hour 30 minutes", "45 minutes", "less than a minute": rounded to the nearest minute. */
export function humanDuration(ms: number): string {
  if (ms < 30_000) return "less than a minute";
  const totalMinutes = Math.round(ms / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const parts: string[] = [];
  if (days) parts.push(plural(days, "day"));
  if (hours) parts.push(plural(hours, "hour"));
  if (minutes && !days) parts.push(plural(minutes, "minute"));
  return parts.join(" ") || "less than a minute";
}

/** "Access expires in 2 hours." / "Access expired 3 minutes ago." */
export function expirySentence(expiresAt: string | null | undefined, now = Date.now()): string {
  if (!expiresAt) return "";
  const ms = new Date(expiresAt).getTime() - now;
  return ms > 0 ? `Access expires in ${humanDuration(ms)}.` : `Access expired ${humanDuration(-ms)} ago.`;
}

export function relative(at: string | null | undefined, now = Date.now()): string {
  if (!at) return "-";
  const ms = new Date(at).getTime() - now;
  if (Math.abs(ms) < 30_000) return "just now";
  return ms > 0 ? `in ${humanDuration(ms)}` : `${humanDuration(-ms)} ago`;
}

export function table(rows: string[][], header: string[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  return all.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ").trimEnd()).join("\n");
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * A one-line spinner on stderr when it is a terminal; elsewhere (pipes, CI logs) each
 * new text is printed once as a plain line, so logs stay readable.
 */
export class Spinner {
  private timer: NodeJS.Timeout | undefined;
  private frame = 0;
  private text = "";
  private readonly tty: boolean;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.tty = Boolean(stream.isTTY);
  }

  update(text: string): void {
    if (text === this.text) return;
    this.text = text;
    if (!this.tty) {
      this.stream.write(`${text}\n`);
      return;
    }
    this.timer ??= setInterval(() => this.render(), 80);
    this.render();
  }

  /** Prints a line above the spinner, which keeps spinning. */
  note(line: string): void {
    if (this.tty) this.stream.write("\r\x1b[2K");
    this.stream.write(`${line}\n`);
    if (this.tty && this.timer) this.render();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.tty && this.text) this.stream.write("\r\x1b[2K");
    this.text = "";
  }

  private render(): void {
    this.frame = (this.frame + 1) % FRAMES.length;
    this.stream.write(`\r\x1b[2K${FRAMES[this.frame]} ${this.text}`);
  }
}
