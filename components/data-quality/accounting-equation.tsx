import { formatInt } from "@/lib/reports/format";

export function AccountingEquation({ input, loaded, quarantined, duplicates }: { input: number; loaded: number; quarantined: number; duplicates: number }) {
  const balanced = input === loaded + quarantined + duplicates;
  return (
    <div>
      <div className="equation" data-testid="accounting">
        <span>
          <b>{formatInt(input)}</b> input
        </span>
        <span className="op">=</span>
        <span>
          <b>{formatInt(loaded)}</b> loaded
        </span>
        <span className="op">+</span>
        <span>
          <b>{formatInt(quarantined)}</b> quarantined
        </span>
        <span className="op">+</span>
        <span>
          <b>{formatInt(duplicates)}</b> duplicates
        </span>
        <span className={`badge ${balanced ? "ok" : "critical"}`}>{balanced ? "balanced" : "NOT balanced"}</span>
      </div>
    </div>
  );
}
