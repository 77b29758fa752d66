/** Builds tiny event export files for tests (RFC 4180 quoting). */
import { csvField } from "@/lib/pipeline/csv";
import type { SourceFile } from "@/lib/pipeline";

export const HEADER = ["client_id", "page_url", "referrer", "timestamp", "event_name", "event_data", "user_agent"];
export const UA_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.3 Mobile/15E148 Safari/604.1";
export const UA_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/133.0.0.0 Safari/537.36";

export interface EventSpec {
  client?: string;
  url?: string;
  referrer?: string;
  ts: string;
  event?: string;
  data?: unknown;
  ua?: string;
}

export function purchaseData(tx: string, revenue: number, items: { id: string | null; price: number | null; qty: number | null }[]) {
  return {
    transaction_id: tx,
    revenue,
    items: items.map((i) => ({ item_id: i.id, item_name: i.id ? `Item ${i.id}` : null, item_variant: null, quantity: i.qty, item_price: i.price })),
    user_email: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  };
}

export function eventRow(e: EventSpec): string[] {
  return [
    e.client ?? "1740268798-abcDEF123456",
    e.url ?? "https://shop.example/products/mattress",
    e.referrer ?? "",
    e.ts,
    e.event ?? "page_viewed",
    e.data === undefined ? "" : typeof e.data === "string" ? e.data : JSON.stringify(e.data),
    e.ua ?? UA_IPHONE,
  ];
}

export function csvFile(name: string, rows: string[][], header: string[] = HEADER): SourceFile {
  const text = [header, ...rows].map((r) => r.map(csvField).join(",")).join("\n");
  return { name, content: text };
}

/** A day's export as bytes: `n` page views by clients c0..c(n-1) at 10:mm, then one purchase of `revenue` by c0 at 11:00. */
export function dayExport(day: string, n: number, revenue: number): Buffer {
  return Buffer.from(
    csvFile(`events_${day.replace(/-/g, "")}.csv`, [
      ...Array.from({ length: n }, (_, i) => eventRow({ client: `c${i}`, ts: `${day}T10:${String(i % 60).padStart(2, "0")}:00.000Z` })),
      eventRow({ client: "c0", ts: `${day}T11:00:00.000Z`, event: "checkout_completed", data: purchaseData(`T-${day}`, revenue, [{ id: "A", price: revenue, qty: 1 }]) }),
    ]).content as string,
  );
}
