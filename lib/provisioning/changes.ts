import { EventEmitter } from "node:events";

// In-process signal that a grant's state changed, for long-polls waiting on it. Anchored
// on globalThis because Next.js may load this module once per bundle (instrumentation,
// route handlers) in one process.
const holder = globalThis as unknown as { timeboxGrantChanges?: EventEmitter };
const signal = (holder.timeboxGrantChanges ??= new EventEmitter().setMaxListeners(0));

export function grantChanged(requestId: string): void {
  signal.emit("change", requestId);
}

export function onGrantChange(listener: (requestId: string) => void): () => void {
  signal.on("change", listener);
  return () => signal.off("change", listener);
}
