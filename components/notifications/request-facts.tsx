/** A compact definition list of a request's facts. */
export function RequestFacts({ facts }: { facts: { label: string; value: string }[] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
      {facts.map((f) => (
        <div key={f.label} className="contents">
          <dt className="text-muted-foreground">{f.label}</dt>
          <dd className="break-words whitespace-pre-wrap">{f.value}</dd>
        </div>
      ))}
    </dl>
  );
}
