import { EventEmitter } from "node:events";

// In-process signal: a transaction that queued jobs has committed, so the worker
// should run now rather than at its next tick. Anchored on globalThis: Next.js can load
// this module once per bundle (instrumentation, each route) in the same process, and
// the worker must hear commits made by route handlers. Long-polls listen too, so no cap.
const holder = globalThis as unknown as { timeboxOutboxWake?: EventEmitter };
const signal = (holder.timeboxOutboxWake ??= new EventEmitter().setMaxListeners(0));

export function wakeOutboxWorker(): void {
  signal.emit("wake");
}

export function onOutboxWake(listener: () => void): () => void {
  signal.on("wake", listener);
  return () => signal.off("wake", listener);
}
