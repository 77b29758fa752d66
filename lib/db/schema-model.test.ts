import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { columnsOf, dataModel, keyTags, LOGICAL_KEYS, parseSchema } from "./schema-model";

const SMALL = `
// a comment
datasource db {
  provider = "sqlite"
  url      = "file:./dev.db"
}

enum Color {
  RED
  BLUE
}

/// A run.
model Run {
  id     Int      @id @default(autoincrement())
  /// queued | done
  status String   @default("queued") // trailing comment
  things Thing[]

  @@index([status, id])
}

model Thing {
  id      Int     @id @default(autoincrement())
  runId   Int
  run     Run     @relation(fields: [runId], references: [id], onDelete: Cascade)
  code    String
  color   Color?
  note    String? @unique

  @@unique([runId, code])
  @@index([runId])
}
`;

describe("parseSchema", () => {
  const models = parseSchema(SMALL);
  const run = models.find((m) => m.name === "Run")!;
  const thing = models.find((m) => m.name === "Thing")!;

  it("reads models (not datasource or enum blocks), docs, defaults, indexes and uniques", () => {
    expect(models.map((m) => m.name)).toEqual(["Run", "Thing"]);
    expect(run.doc).toBe("A run.");
    expect(run.fields.find((f) => f.name === "status")).toMatchObject({ type: "String", doc: "queued | done", default: `"queued"`, optional: false });
    expect(run.indexes).toEqual([["status", "id"]]);
    expect(thing.uniques).toEqual([["runId", "code"]]);
    expect(thing.indexes).toEqual([["runId"]]);
  });

  it("tells columns from relation fields; enums are columns", () => {
    expect(columnsOf(run).map((f) => f.name)).toEqual(["id", "status"]);
    expect(columnsOf(thing).map((f) => f.name)).toEqual(["id", "runId", "code", "color", "note"]);
    expect(run.fields.find((f) => f.name === "things")).toMatchObject({ list: true, relation: true, references: null });
    expect(thing.fields.find((f) => f.name === "color")).toMatchObject({ optional: true, relation: false });
  });

  it("reads relations and key tags", () => {
    const model = dataModel(SMALL);
    expect(model.relations).toEqual([{ from: "Thing", fields: ["runId"], to: "Run", references: ["id"], kind: "foreign", onDelete: "Cascade" }]);
    const tags = Object.fromEntries(columnsOf(thing).map((f) => [f.name, keyTags(thing, f, model.relations)]));
    expect(tags).toEqual({ id: ["PK"], runId: ["FK"], code: ["UK"], color: [], note: ["UK"] });
  });

  it("rejects a logical key naming a field the schema lacks", () => {
    const broken = `model Session {\n  id Int @id\n  sessionId String\n}\nmodel Order {\n  id Int @id\n}\n`;
    expect(() => dataModel(broken)).toThrow("Order.sessionId");
  });
});

describe("the real schema", () => {
  const model = dataModel(readFileSync(join(process.cwd(), "prisma", "schema.prisma"), "utf8"));
  const names = model.models.map((m) => m.name);

  it("relates Run to every run-scoped table", () => {
    const runScoped = model.models.filter((m) => m.fields.some((f) => f.name === "runId")).map((m) => m.name);
    expect(runScoped.length).toBeGreaterThanOrEqual(15);
    const toRun = model.relations.filter((r) => r.kind === "foreign" && r.to === "Run");
    expect(toRun.map((r) => r.from).sort()).toEqual([...runScoped].sort());
    for (const r of toRun) expect(r).toMatchObject({ fields: ["runId"], references: ["id"], onDelete: "Cascade" });
    expect(names).toContain("Partition");
    expect(model.relations.some((r) => r.from === "Partition" || r.to === "Partition")).toBe(false);
  });

  it("includes every logical key, all within run-scoped tables", () => {
    const logical = model.relations.filter((r) => r.kind === "logical");
    expect(logical).toHaveLength(LOGICAL_KEYS.length);
    expect(logical).toContainEqual({ from: "Order", fields: ["sessionId"], to: "Session", references: ["sessionId"], kind: "logical", onDelete: null });
    for (const r of logical) {
      for (const side of [r.from, r.to]) expect(model.relations.some((x) => x.from === side && x.to === "Run")).toBe(true);
    }
  });

  it("marks the keys the diagram shows", () => {
    const session = model.models.find((m) => m.name === "Session")!;
    const tag = (name: string) => keyTags(session, session.fields.find((f) => f.name === name)!, model.relations);
    expect([tag("id"), tag("runId"), tag("sessionId"), tag("clientId"), tag("channel")]).toEqual([["PK"], ["FK"], [], ["FK"], []]);
    const order = model.models.find((m) => m.name === "Order")!;
    expect(keyTags(order, order.fields.find((f) => f.name === "orderId")!, model.relations)).toEqual(["UK"]);
  });
});
