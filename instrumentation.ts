export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startServer } = await import("@/lib/runtime/start-server");
  try {
    await startServer();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
