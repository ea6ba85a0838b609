"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ActivityIcon, CheckCircle2Icon, Loader2Icon, SirenIcon, TimerIcon } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ChartCard, NoData } from "@/components/insights/chart-card";
import { LocalDateTime } from "@/components/time/time-labels";
import { api, query } from "@/lib/client/api";
import { formatSeconds, RANGES, requestsPerDaySeries, STATUS_ORDER, statusTotals, type ChartStatus } from "@/lib/insights/chart-data";
import type { Insights } from "@/lib/insights/get-insights";
import { cn } from "@/lib/utils";

/** Status colours from the theme tokens, so light and dark mode both read well. */
const STATUS_COLOURS: Record<ChartStatus, string> = {
  APPROVED: "var(--success)",
  EXECUTED: "var(--chart-executed)",
  PENDING: "var(--warning)",
  REJECTED: "var(--destructive)",
  REVOKED: "var(--chart-revoked)",
  EXPIRED: "var(--chart-expired)",
};

const STATUS_WORDS: Record<ChartStatus, string> = {
  APPROVED: "Approved",
  EXECUTED: "Completed",
  PENDING: "Pending",
  REJECTED: "Rejected",
  REVOKED: "Revoked",
  EXPIRED: "Timed out",
};

/** Chart-only tokens beside the app's own: defined here, per theme, so globals stay untouched. */
const CHART_TOKENS =
  "[--chart-executed:oklch(0.55_0.15_268)] [--chart-revoked:oklch(0.64_0.17_45)] [--chart-expired:oklch(0.66_0.02_265)] [--chart-median:oklch(0.55_0.15_268)] [--chart-p90:oklch(0.72_0.12_300)] " +
  "dark:[--chart-executed:oklch(0.7_0.13_268)] dark:[--chart-revoked:oklch(0.72_0.15_50)] dark:[--chart-expired:oklch(0.55_0.02_265)] dark:[--chart-median:oklch(0.7_0.13_268)] dark:[--chart-p90:oklch(0.78_0.1_300)]";

const axis = { stroke: "var(--border)", tick: { fill: "var(--muted-foreground)", fontSize: 12 }, tickLine: false } as const;

/**
 * Admin → Insights: requests per day by status, time to decision per connection, grants
 * active now, top requesters and connections, and break-glass grants, over a chosen
 * window. Each chart has a table with the same numbers.
 */
export function InsightsDashboard({ days, initial }: { days: number; initial: Insights }) {
  const router = useRouter();
  const insights = useQuery({
    queryKey: ["insights", days],
    queryFn: ({ signal }) => api<Insights>(`/api/v1/insights${query({ days })}`, { signal }),
    initialData: initial,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  const data = insights.data ?? initial;
  const series = requestsPerDaySeries(data.requestsPerDay, new Date(data.since), new Date());
  const totals = statusTotals(series);
  const activeNow = data.activeGrants.reduce((n, g) => n + g.count, 0);
  const unreviewed = data.emergencies.filter((e) => !e.reviewed).length;
  const decided = data.timeToDecision.reduce((n, d) => n + d.decided, 0);

  return (
    <div className={cn("grid grid-cols-1 gap-6", CHART_TOKENS)}>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-muted-foreground">
          Since <LocalDateTime at={data.since} short /> · refreshed every minute
          {insights.isFetching && <Loader2Icon className="ml-2 inline size-3.5 animate-spin" aria-label="Refreshing" />}
        </p>
        <nav aria-label="Time window" className="flex w-fit rounded-lg bg-muted p-[3px]">
          {RANGES.map((d) => (
            <Link
              key={d}
              href={`/admin/insights${query({ days: d === 30 ? undefined : d })}`}
              scroll={false}
              aria-current={d === days ? "true" : undefined}
              onClick={(e) => {
                e.preventDefault();
                router.replace(`/admin/insights${query({ days: d === 30 ? undefined : d })}`, { scroll: false });
              }}
              className={cn(
                "inline-flex h-7 items-center rounded-md px-3 text-sm font-medium text-muted-foreground outline-none transition-colors hover:text-foreground focus-visible:ring-[3px] focus-visible:ring-ring/50",
                d === days && "bg-background text-foreground shadow-sm dark:bg-input/30",
              )}
            >
              {d} days
            </Link>
          ))}
        </nav>
      </div>

      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-label="Totals">
        <Stat label="Requests" value={totals.total} hint={`in the last ${days} days`} Icon={ActivityIcon} />
        <Stat label="Decided by people" value={decided} hint={decided ? `${formatSeconds(medianOfMedians(data))} typical wait` : "no decisions yet"} Icon={TimerIcon} />
        <Stat label="Active grants" value={activeNow} hint="right now" Icon={CheckCircle2Icon} tone="success" />
        <Stat
          label="Break-glass grants"
          value={data.emergencies.length}
          hint={unreviewed ? `${unreviewed} awaiting review` : "all reviewed"}
          Icon={SirenIcon}
          tone={unreviewed ? "destructive" : undefined}
        />
      </dl>

      <ChartCard
        testId="chart-requests-per-day"
        title="Requests per day"
        description="Every request by the day it was opened (UTC), stacked by its status now."
        summary={`Stacked bar chart of requests per day over ${series.length} days: ${STATUS_ORDER.filter((s) => totals[s] > 0)
          .map((s) => `${totals[s]} ${STATUS_WORDS[s].toLowerCase()}`)
          .join(", ") || "no requests"}.`}
        empty={totals.total === 0 ? <NoData>No requests in the last {days} days.</NoData> : undefined}
        chart={
          <ResponsiveContainer width="100%" height={280}>
            <BarChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
              <CartesianGrid vertical={false} stroke="var(--border)" />
              <XAxis dataKey="label" {...axis} minTickGap={16} />
              <YAxis allowDecimals={false} {...axis} axisLine={false} />
              <Tooltip cursor={{ fill: "var(--muted)", opacity: 0.6 }} content={(p) => <ChartTooltip active={p.active} payload={p.payload} label={p.label} />} />
              <Legend
                itemSorter={null}
                formatter={(value: string) => <span className="text-xs text-foreground">{STATUS_WORDS[value as ChartStatus] ?? value}</span>}
                iconType="circle"
                iconSize={8}
              />
              {STATUS_ORDER.map((s) => (
                <Bar key={s} dataKey={s} stackId="status" fill={STATUS_COLOURS[s]} name={s} maxBarSize={28} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        }
        table={
          <Table>
            <TableCaption className="sr-only">Requests per day by status</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHead scope="col">Day</TableHead>
                {STATUS_ORDER.map((s) => (
                  <TableHead key={s} scope="col" className="text-right">
                    {STATUS_WORDS[s]}
                  </TableHead>
                ))}
                <TableHead scope="col" className="text-right">
                  Total
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {[...series].reverse().map((d) => (
                <TableRow key={d.day}>
                  <TableHead scope="row" className="font-normal">
                    {d.label}
                  </TableHead>
                  {STATUS_ORDER.map((s) => (
                    <TableCell key={s} className="text-right tabular-nums">
                      {d[s]}
                    </TableCell>
                  ))}
                  <TableCell className="text-right font-medium tabular-nums">{d.total}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        }
      />

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <ChartCard
          testId="chart-time-to-decision"
          title="Time to decision"
          description="From request to approval or rejection, per connection: the median and the slowest 10% (p90). Automatic and break-glass grants are left out."
          summary={`Bar chart of time to decision per connection: ${data.timeToDecision
            .map((d) => `${d.connection} median ${formatSeconds(d.medianSeconds)}, p90 ${formatSeconds(d.p90Seconds)}`)
            .join("; ")}.`}
          empty={data.timeToDecision.length === 0 ? <NoData>No request was decided by a person in this window.</NoData> : undefined}
          chart={
            <ResponsiveContainer width="100%" height={Math.max(160, data.timeToDecision.length * 56 + 40)}>
              <BarChart data={data.timeToDecision} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid horizontal={false} stroke="var(--border)" />
                <XAxis type="number" allowDecimals={false} {...axis} tickFormatter={(v: number) => formatSeconds(v)} />
                <YAxis type="category" dataKey="connection" width={110} {...axis} axisLine={false} />
                <Tooltip cursor={{ fill: "var(--muted)", opacity: 0.6 }} content={(p) => <ChartTooltip active={p.active} payload={p.payload} label={p.label} format={formatSeconds} />} />
                <Legend formatter={(value: string) => <span className="text-xs text-foreground">{value}</span>} iconType="circle" iconSize={8} />
                <Bar dataKey="medianSeconds" name="Median" fill="var(--chart-median)" radius={[0, 4, 4, 0]} maxBarSize={18} isAnimationActive={false} />
                <Bar dataKey="p90Seconds" name="p90" fill="var(--chart-p90)" radius={[0, 4, 4, 0]} maxBarSize={18} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          }
          table={
            <Table>
              <TableCaption className="sr-only">Time to decision per connection</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Connection</TableHead>
                  <TableHead scope="col" className="text-right">
                    Decided
                  </TableHead>
                  <TableHead scope="col" className="text-right">
                    Median
                  </TableHead>
                  <TableHead scope="col" className="text-right">
                    p90
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.timeToDecision.map((d) => (
                  <TableRow key={d.connection}>
                    <TableHead scope="row" className="font-normal">
                      {d.connection}
                    </TableHead>
                    <TableCell className="text-right tabular-nums">{d.decided}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatSeconds(d.medianSeconds)}</TableCell>
                    <TableCell className="text-right tabular-nums">{formatSeconds(d.p90Seconds)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          }
        />

        <RankingCard
          testId="chart-active-grants"
          title="Grants active now"
          description="Live grants per connection at this moment."
          unit="active grants"
          rows={data.activeGrants.map((g) => ({ key: g.connection, label: g.connection, count: g.count }))}
          colour="var(--success)"
          emptyText="Nobody has access right now."
        />
        <RankingCard
          testId="chart-top-requesters"
          title="Top requesters"
          description={`Who asked for access most in the last ${days} days.`}
          unit="requests"
          rows={data.topRequesters.map((r) => ({ key: r.email, label: r.name ?? r.email, count: r.count, detail: r.name ? r.email : undefined }))}
          colour="var(--chart-median)"
          emptyText="No requests in this window."
        />
        <RankingCard
          testId="chart-top-connections"
          title="Top connections"
          description={`The connections requested most in the last ${days} days.`}
          unit="requests"
          rows={data.topConnections.map((c) => ({ key: c.connection, label: c.connection, count: c.count }))}
          colour="var(--chart-p90)"
          emptyText="No requests in this window."
        />
      </div>

      <EmergencyTable emergencies={data.emergencies} days={days} />
    </div>
  );
}

function medianOfMedians(data: Insights): number {
  const m = data.timeToDecision.map((d) => d.medianSeconds).sort((a, b) => a - b);
  return m.length ? m[Math.floor((m.length - 1) / 2)]! : 0;
}

function Stat({
  label,
  value,
  hint,
  Icon,
  tone,
}: {
  label: string;
  value: number;
  hint: string;
  Icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean }>;
  tone?: "success" | "destructive";
}) {
  return (
    <Card className="gap-1 px-4 py-4">
      <dt className="flex items-center gap-2 text-sm text-muted-foreground">
        <Icon className={cn("size-4", tone === "success" && "text-success", tone === "destructive" && "text-destructive")} aria-hidden={true} />
        {label}
      </dt>
      <dd className="text-2xl font-semibold tracking-tight tabular-nums">{value}</dd>
      <dd className={cn("text-xs text-muted-foreground", tone === "destructive" && "font-medium text-destructive")}>{hint}</dd>
    </Card>
  );
}

type Ranked = { key: string; label: string; count: number; detail?: string };

function RankingCard({
  title,
  description,
  unit,
  rows,
  colour,
  emptyText,
  testId,
}: {
  title: string;
  description: string;
  unit: string;
  rows: Ranked[];
  colour: string;
  emptyText: string;
  testId: string;
}) {
  return (
    <ChartCard
      testId={testId}
      title={title}
      description={description}
      summary={`Bar chart of ${title.toLowerCase()}: ${rows.map((r) => `${r.label} ${r.count}`).join(", ")}.`}
      empty={rows.length === 0 ? <NoData>{emptyText}</NoData> : undefined}
      chart={
        <ResponsiveContainer width="100%" height={Math.max(140, rows.length * 34 + 24)}>
          <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 24, bottom: 0, left: 8 }}>
            <CartesianGrid horizontal={false} stroke="var(--border)" />
            <XAxis type="number" allowDecimals={false} {...axis} />
            <YAxis type="category" dataKey="label" width={130} {...axis} axisLine={false} tickFormatter={(v: string) => (v.length > 18 ? `${v.slice(0, 17)}…` : v)} />
            <Tooltip cursor={{ fill: "var(--muted)", opacity: 0.6 }} content={(p) => <ChartTooltip active={p.active} payload={p.payload} label={p.label} />} />
            <Bar dataKey="count" name={unit} fill={colour} radius={[0, 4, 4, 0]} maxBarSize={20} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <Table>
          <TableCaption className="sr-only">{title}</TableCaption>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">{unit === "active grants" ? "Connection" : title.replace(/^Top /, "").replace(/s$/, "").replace(/^./, (c) => c.toUpperCase())}</TableHead>
              <TableHead scope="col" className="text-right">
                {unit.replace(/^./, (c) => c.toUpperCase())}
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.key}>
                <TableHead scope="row" className="font-normal">
                  {r.label}
                  {r.detail && <span className="block text-xs text-muted-foreground">{r.detail}</span>}
                </TableHead>
                <TableCell className="text-right tabular-nums">{r.count}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      }
    />
  );
}

function EmergencyTable({ emergencies, days }: { emergencies: Insights["emergencies"]; days: number }) {
  return (
    <Card className="gap-4" role="region" aria-labelledby="insights-emergencies" data-testid="insights-emergencies">
      <div className="grid gap-1.5 px-6">
        <h3 id="insights-emergencies" className="flex items-center gap-2 leading-none font-semibold">
          <SirenIcon className="size-4 text-destructive" aria-hidden="true" />
          Break-glass grants
        </h3>
        <p className="text-sm text-muted-foreground">Emergency access opened without approval in the last {days} days, newest first, with its post-incident review.</p>
      </div>
      <div className="px-6">
        {emergencies.length === 0 ? (
          <NoData>Nobody broke glass in this window.</NoData>
        ) : (
          <div className="rounded-md border">
            <Table>
              <TableCaption className="sr-only">Break-glass grants</TableCaption>
              <TableHeader>
                <TableRow>
                  <TableHead scope="col">Opened</TableHead>
                  <TableHead scope="col">Connection</TableHead>
                  <TableHead scope="col">By</TableHead>
                  <TableHead scope="col">Review</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {emergencies.map((e) => (
                  <TableRow key={e.id} className="relative">
                    <TableCell>
                      <Link href={`/requests/${e.id}`} className="underline-offset-4 outline-none after:absolute after:inset-0 hover:underline focus-visible:underline">
                        <LocalDateTime at={e.createdAt} short />
                      </Link>
                    </TableCell>
                    <TableCell className="font-medium">{e.connection}</TableCell>
                    <TableCell className="max-w-48 truncate">{e.requester}</TableCell>
                    <TableCell>
                      {e.reviewed ? (
                        <Badge variant="success">
                          <CheckCircle2Icon aria-hidden="true" />
                          Reviewed
                        </Badge>
                      ) : (
                        <Badge variant="destructive">
                          <SirenIcon aria-hidden="true" />
                          Awaiting review
                        </Badge>
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </div>
    </Card>
  );
}

function ChartTooltip({
  active,
  payload,
  label,
  format,
}: {
  active?: boolean;
  payload?: readonly { name?: unknown; value?: unknown; color?: string; fill?: string; dataKey?: unknown; payload?: unknown }[];
  label?: unknown;
  format?: (v: number) => string;
}) {
  if (!active || !payload?.length) return null;
  const rows = payload.filter((p) => typeof p.value === "number" && (p.value > 0 || payload.length === 1));
  return (
    <div className="grid min-w-36 gap-1.5 rounded-lg border bg-popover px-3 py-2 text-xs text-popover-foreground shadow-md">
      <p className="font-medium">{String(label ?? (payload[0]?.payload as { label?: string } | undefined)?.label ?? "")}</p>
      {rows.length === 0 && <p className="text-muted-foreground">Nothing</p>}
      {rows.map((p) => (
        <p key={String(p.dataKey)} className="flex items-center gap-2">
          <span className="size-2 rounded-full" style={{ background: p.color ?? p.fill }} aria-hidden="true" />
          <span className="text-muted-foreground">{STATUS_WORDS[p.name as ChartStatus] ?? String(p.name)}</span>
          <span className="ml-auto font-medium tabular-nums">
            {format ? format(Number(p.value)) : String(p.value)}
          </span>
        </p>
      ))}
    </div>
  );
}
