import { describe, expect, it } from "vitest";
import { formatSeconds, requestsPerDaySeries, statusTotals } from "@/lib/insights/chart-data";

describe("insights chart data", () => {
  it("fills every day of the window, with a column per status", () => {
    const series = requestsPerDaySeries(
      [
        { day: "2026-12-02", status: "APPROVED", count: 3 },
        { day: "2026-12-02", status: "REJECTED", count: 1 },
        { day: "2026-12-04", status: "EXPIRED", count: 2 },
      ],
      new Date("2026-12-01T15:00:00Z"),
      new Date("2026-12-04T10:00:00Z"),
    );
    expect(series.map((d) => d.day)).toEqual(["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]);
    expect(series[1]).toMatchObject({ label: "2 Dec", APPROVED: 3, REJECTED: 1, total: 4 });
    expect(series[2]!.total).toBe(0);
    expect(statusTotals(series)).toMatchObject({ total: 6, APPROVED: 3, REJECTED: 1, EXPIRED: 2, PENDING: 0 });
  });

  it("formats decision times for people", () => {
    expect(formatSeconds(42)).toBe("42s");
    expect(formatSeconds(200)).toBe("3m 20s");
    expect(formatSeconds(600)).toBe("10m");
    expect(formatSeconds(7500)).toBe("2h 5m");
    expect(formatSeconds(100_000)).toBe("1d 4h");
  });
});
