/** A caveat printed beside the number it qualifies (lib/views/caveats.ts); nothing when there is none. */
export function CaveatNote({ text, testId }: { text: string | null | undefined; testId?: string }) {
  if (!text) return null;
  return (
    <p role="note" data-testid={testId ?? "caveat-note"} style={{ margin: "6px 0 8px", padding: "6px 10px", borderLeft: "3px solid #b26a00", background: "#fff7e6", color: "#5c3900", fontSize: 13, lineHeight: 1.4 }}>
      <b>Caveat.</b> {text}
    </p>
  );
}
