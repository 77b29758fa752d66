/**
 * A small model of `prisma/schema.prisma` (models, fields, keys, relations) for the data model
 * diagram and docs, so they are drawn from the schema and cannot drift from it. Pure: takes the
 * schema text. Also declares the logical keys between run-scoped tables that the schema does not
 * enforce as foreign keys (they hold within one run); `dataModel` checks them against the schema.
 */

export interface SchemaField {
  name: string;
  /** Scalar type or the related model's name. */
  type: string;
  optional: boolean;
  /** `Type[]`: the other side of a relation. */
  list: boolean;
  id: boolean;
  unique: boolean;
  /** Part of a composite `@@unique`. */
  compositeUnique: boolean;
  /** A relation field (`run Run @relation(...)` or `files SourceFile[]`): no column of its own. */
  relation: boolean;
  /** `@relation(fields: [...], references: [...])` on the side that holds the key. */
  references: { fields: string[]; references: string[]; onDelete: string | null } | null;
  default: string | null;
  doc: string | null;
}

export interface SchemaModel {
  name: string;
  doc: string | null;
  fields: SchemaField[];
  uniques: string[][];
  indexes: string[][];
}

export interface ModelRelation {
  from: string;
  fields: string[];
  to: string;
  references: string[];
  /** "foreign": declared with @relation (enforced); "logical": same values within one run, not enforced. */
  kind: "foreign" | "logical";
  onDelete: string | null;
}

export interface DataModel {
  models: SchemaModel[];
  relations: ModelRelation[];
}

/** Keys between tables of one run that the schema does not declare (joins also match on runId). */
export const LOGICAL_KEYS: { from: string; field: string; to: string; reference: string }[] = [
  { from: "Session", field: "clientId", to: "Client", reference: "clientId" },
  { from: "Order", field: "sessionId", to: "Session", reference: "sessionId" },
  { from: "Order", field: "clientId", to: "Client", reference: "clientId" },
  { from: "OrderItem", field: "orderId", to: "Order", reference: "orderId" },
  { from: "AttributionCredit", field: "orderId", to: "Order", reference: "orderId" },
  { from: "AttributionCredit", field: "sessionId", to: "Session", reference: "sessionId" },
  { from: "PersonCredit", field: "orderId", to: "Order", reference: "orderId" },
];

const SCALARS = new Set(["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]);
const list = (s: string | undefined): string[] => (s ?? "").split(",").map((x) => x.trim()).filter(Boolean);

/** Text of `@name(...)` in an attribute string, with balanced parentheses; null when absent. */
function attributeArgs(attrs: string, name: string): string | null {
  const m = new RegExp(`@${name}\\(`).exec(attrs);
  if (!m) return null;
  let depth = 1;
  let i = m.index + m[0].length;
  const start = i;
  for (; i < attrs.length && depth > 0; i++) {
    if (attrs[i] === "(") depth++;
    else if (attrs[i] === ")") depth--;
  }
  return attrs.slice(start, i - 1);
}

/** Parses the models of a Prisma schema (datasource, generator and enum blocks are skipped). */
export function parseSchema(text: string): SchemaModel[] {
  const models: SchemaModel[] = [];
  const enums = new Set([...text.matchAll(/^\s*enum\s+(\w+)\s*\{/gm)].map((m) => m[1]!));
  let current: SchemaModel | null = null;
  let otherBlock = false;
  let doc: string[] = [];
  const takeDoc = () => {
    const d = doc.length ? doc.join(" ") : null;
    doc = [];
    return d;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("///")) {
      doc.push(line.slice(3).trim());
      continue;
    }
    const code = line.replace(/\s*\/\/.*$/, "");
    if (!code) continue;
    if (!current && !otherBlock) {
      const open = /^model\s+(\w+)\s*\{$/.exec(code);
      if (open) current = { name: open[1]!, doc: takeDoc(), fields: [], uniques: [], indexes: [] };
      else otherBlock = code.endsWith("{");
      doc = [];
      continue;
    }
    if (code === "}") {
      if (current) models.push(current);
      current = null;
      otherBlock = false;
      doc = [];
      continue;
    }
    if (!current) continue;
    const block = /^@@(unique|index|id)\(\s*\[([^\]]*)\]/.exec(code);
    if (block) {
      (block[1] === "index" ? current.indexes : current.uniques).push(list(block[2]));
      doc = [];
      continue;
    }
    const field = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(code);
    if (!field) continue;
    const [, name, type, isList, optional, attrs = ""] = field;
    const relationArgs = attributeArgs(attrs, "relation");
    current.fields.push({
      name: name!,
      type: type!,
      optional: Boolean(optional),
      list: Boolean(isList),
      id: /@id\b/.test(attrs),
      unique: /@unique\b/.test(attrs),
      compositeUnique: false,
      relation: !SCALARS.has(type!) && !enums.has(type!),
      references:
        relationArgs && /fields:/.test(relationArgs)
          ? {
              fields: list(/fields:\s*\[([^\]]*)\]/.exec(relationArgs)?.[1]),
              references: list(/references:\s*\[([^\]]*)\]/.exec(relationArgs)?.[1]),
              onDelete: /onDelete:\s*(\w+)/.exec(relationArgs)?.[1] ?? null,
            }
          : null,
      default: attributeArgs(attrs, "default"),
      doc: takeDoc(),
    });
  }
  for (const model of models) {
    for (const u of model.uniques) for (const f of model.fields) if (u.includes(f.name)) f.compositeUnique = true;
  }
  return models;
}

/** Foreign keys declared with `@relation(fields: [...], references: [...])`. */
export function foreignKeys(models: SchemaModel[]): ModelRelation[] {
  return models.flatMap((model) =>
    model.fields.flatMap((f): ModelRelation[] =>
      f.references ? [{ from: model.name, fields: f.references.fields, to: f.type, references: f.references.references, kind: "foreign", onDelete: f.references.onDelete }] : [],
    ),
  );
}

/** Models, declared foreign keys and the logical keys (checked: a key naming a missing field throws). */
export function dataModel(text: string): DataModel {
  const models = parseSchema(text);
  const byName = new Map(models.map((m) => [m.name, m]));
  const has = (model: string, field: string) => byName.get(model)?.fields.some((f) => f.name === field && !f.relation) ?? false;
  const logical: ModelRelation[] = [];
  for (const k of LOGICAL_KEYS) {
    if (!byName.has(k.from) || !byName.has(k.to)) continue; // a schema without these tables (e.g. a test schema)
    if (!has(k.from, k.field) || !has(k.to, k.reference)) throw new Error(`Logical key ${k.from}.${k.field} → ${k.to}.${k.reference} names a field the schema does not have.`);
    logical.push({ from: k.from, fields: [k.field], to: k.to, references: [k.reference], kind: "logical", onDelete: null });
  }
  return { models, relations: [...foreignKeys(models), ...logical] };
}

/** The columns of a model (relation fields hold no column). */
export function columnsOf(model: SchemaModel): SchemaField[] {
  return model.fields.filter((f) => !f.relation);
}

export type KeyTag = "PK" | "UK" | "FK";

/** Key tags of a column: PK (@id), UK (@unique, or part of a composite unique other than as its FK), FK (declared or logical). */
export function keyTags(model: SchemaModel, field: SchemaField, relations: ModelRelation[]): KeyTag[] {
  const fk = relations.some((r) => r.from === model.name && r.fields.includes(field.name));
  const tags: KeyTag[] = [];
  if (field.id) tags.push("PK");
  if (field.unique || (field.compositeUnique && !fk)) tags.push("UK");
  if (fk) tags.push("FK");
  return tags;
}
