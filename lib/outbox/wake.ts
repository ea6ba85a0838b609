import { EventEmitter } from "node:events";

// In-process signal: a transaction that queued jobs has committed, so the worker
// should run now rather than at its next tick.
const signal = new EventEmitter();
signal.setMaxListeners(50);

export function wakeOutboxWorker(): void {
  signal.emit("wake");
}

export function onOutboxWake(listener: () => void): () => void {
  signal.on("wake", listener);
  return () => signal.off("wake", listener);
}
