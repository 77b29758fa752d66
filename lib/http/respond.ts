/** Small response helpers shared by the route handlers. */
import type { z } from "zod";

/** Parses the query string with a zod schema: the data, or a 400 response naming the first problem. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): { data: z.infer<S>; response?: undefined } | { data?: undefined; response: Response } {
  const parsed = schema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (parsed.success) return { data: parsed.data };
  return { response: Response.json({ error: parsed.error.issues[0]?.message ?? "Bad request" }, { status: 400 }) };
}

/** 404 for every page's data before the first successful run. */
export function noRunYet(): Response {
  return Response.json({ error: "No successful run yet: load event files first." }, { status: 404 });
}

export function pdfResponse(bytes: Buffer, filename: string): Response {
  return new Response(new Uint8Array(bytes), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
}
