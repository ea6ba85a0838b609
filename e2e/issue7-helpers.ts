import { expect, type Page } from "@playwright/test";

export const suffix = () => Math.random().toString(36).slice(2, 7);

/**
 * Creates a connection of the spec's own through the admin API (as the signed-in admin
 * page), so the journeys running beside it keep their demo connections as they are.
 */
export async function createConnection(admin: Page, settings: Record<string, unknown> & { name: string }): Promise<void> {
  const response = await admin.request.post("/api/v1/connections", { data: { type: "postgres", ...settings } });
  expect(response.status(), await response.text()).toBe(201);
}

/** The request's API view, as its requester (or any viewer) sees it. */
export async function requestView(page: Page, id: string): Promise<{ status: string; expiresAt: string | null; pendingExpiresAt: string | null; emergency: boolean; endNote: string | null }> {
  const response = await page.request.get(`/api/v1/access-requests/${id}`);
  expect(response.ok()).toBe(true);
  return response.json();
}

/** The id at the end of a request page's URL. */
export function requestIdOf(page: Page): string {
  return new URL(page.url()).pathname.split("/").pop()!;
}

export const emergencyBadge = (page: Page) => page.getByRole("heading", { level: 1 }).getByTestId("emergency-badge");
