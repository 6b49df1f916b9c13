/** Minimal parser for prisma/schema.prisma: enough to compare models, enums and columns with a database. */

export interface SchemaField {
  name: string;
  column: string;
  type: string;
  list: boolean;
  optional: boolean;
  /** Relation fields have a model type and no column. */
  relation: boolean;
  attributes: string;
}

export interface SchemaModel {
  name: string;
  table: string;
  fields: SchemaField[];
  /** Column names of the primary key (@id or @@id). */
  primaryKey: string[];
}

export interface ParsedSchema {
  models: SchemaModel[];
  enums: Map<string, string[]>;
}

export function parsePrismaSchema(text: string): ParsedSchema {
  const withoutComments = text.replace(/\/\/.*$/gm, '');
  const blocks = [...withoutComments.matchAll(/^(model|enum)\s+(\w+)\s*\{([\s\S]*?)^\}/gm)];
  const enums = new Map<string, string[]>();
  for (const [, kind, name, body] of blocks) {
    if (kind === 'enum') enums.set(name!, body!.split('\n').map((l) => l.trim()).filter((l) => /^\w+$/.test(l)));
  }
  const modelNames = new Set(blocks.filter((b) => b[1] === 'model').map((b) => b[2]!));
  const models: SchemaModel[] = [];
  for (const [, kind, name, body] of blocks) {
    if (kind !== 'model') continue;
    const lines = body!.split('\n').map((l) => l.trim()).filter(Boolean);
    const fields: SchemaField[] = [];
    let table = name!;
    let compoundId: string[] | null = null;
    for (const line of lines) {
      if (line.startsWith('@@')) {
        const map = /^@@map\("([^"]+)"\)/.exec(line);
        if (map) table = map[1]!;
        const id = /^@@id\(\[([^\]]+)\]/.exec(line);
        if (id) compoundId = id[1]!.split(',').map((s) => s.trim());
        continue;
      }
      const match = /^(\w+)\s+(Unsupported\("[^"]+"\)|\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!match) throw new Error(`cannot parse field line in model ${name}: ${line}`);
      const [, fieldName, type, list, optional, attributes] = match;
      const mapped = /@map\("([^"]+)"\)/.exec(attributes!);
      fields.push({
        name: fieldName!,
        column: mapped ? mapped[1]! : fieldName!,
        type: type!,
        list: list !== undefined,
        optional: optional !== undefined,
        relation: modelNames.has(type!),
        attributes: attributes!,
      });
    }
    const columnOf = (fieldName: string) => fields.find((f) => f.name === fieldName)?.column ?? fieldName;
    const primaryKey = compoundId
      ? compoundId.map(columnOf)
      : fields.filter((f) => /(^|\s)@id\b/.test(f.attributes)).map((f) => f.column);
    models.push({ name: name!, table, fields, primaryKey });
  }
  return { models, enums };
}
