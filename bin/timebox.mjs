#!/usr/bin/env node
// The `timebox` CLI. Source: cli/src (TypeScript); built to cli/dist by `npm run build:cli`,
// which postinstall and `npm run build` run. Plain Node >= 20, no dependencies.
import { existsSync } from "node:fs";

const entry = new URL("../cli/dist/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('timebox: the CLI is not built yet; run "npm run build:cli" in the Timebox checkout.\n');
  process.exit(5);
}
const { main } = await import(entry.href);
const code = await main(process.argv.slice(2));
// Exit once output is flushed; open keep-alive sockets must not hold the process.
process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
