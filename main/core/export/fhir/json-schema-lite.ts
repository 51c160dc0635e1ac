/**
 * A small JSON Schema validator for the keywords the FHIR subset schema uses (type, properties,
 * required, additionalProperties, items, minItems, maxItems, enum, const, pattern, minLength,
 * $ref into #/definitions, oneOf). It returns every violation with a JSON path, so a FHIR export
 * failure can name each missing or wrong element. (No general validator ships with the app.)
 */
export interface JsonSchema {
  $ref?: string;
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean';
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  enum?: readonly unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  oneOf?: JsonSchema[];
  description?: string;
  definitions?: Record<string, JsonSchema>;
}

export interface SchemaViolation {
  path: string;
  message: string;
}

function typeOk(type: JsonSchema['type'], v: unknown): boolean {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'string':
      return typeof v === 'string';
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'integer':
      return Number.isInteger(v);
    case 'boolean':
      return typeof v === 'boolean';
    default:
      return true;
  }
}

export function validateJson(root: JsonSchema, value: unknown): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  const resolve = (s: JsonSchema): JsonSchema => {
    if (!s.$ref) return s;
    const name = s.$ref.replace('#/definitions/', '');
    const def = root.definitions?.[name];
    if (!def) throw new Error(`schema: unknown $ref ${s.$ref}`);
    return resolve(def);
  };
  const check = (schema: JsonSchema, v: unknown, path: string, sink: SchemaViolation[]): void => {
    const s = resolve(schema);
    if (s.oneOf) {
      const passing = s.oneOf.filter((alt) => {
        const errs: SchemaViolation[] = [];
        check(alt, v, path, errs);
        return errs.length === 0;
      });
      if (passing.length !== 1) {
        // Report the violations of the alternative whose `resourceType` const matches, if any.
        const rt = (v as { resourceType?: unknown } | null)?.resourceType;
        const named = s.oneOf.find((alt) => resolve(alt).properties?.resourceType?.const === rt);
        if (named && passing.length === 0) check(named, v, path, sink);
        else
          sink.push({
            path,
            message:
              passing.length === 0
                ? 'matches none of the allowed types'
                : 'matches more than one allowed type',
          });
      }
      return;
    }
    if (s.type && !typeOk(s.type, v)) {
      sink.push({ path, message: `must be ${s.type}` });
      return;
    }
    if (s.const !== undefined && v !== s.const)
      sink.push({ path, message: `must be ${JSON.stringify(s.const)}` });
    if (s.enum && !s.enum.includes(v))
      sink.push({ path, message: `must be one of ${s.enum.map((e) => JSON.stringify(e)).join(', ')}` });
    if (typeof v === 'string') {
      if (s.minLength !== undefined && v.length < s.minLength)
        sink.push({ path, message: 'must not be empty' });
      if (s.pattern && !new RegExp(s.pattern, 'u').test(v))
        sink.push({ path, message: `does not match ${s.pattern}` });
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems)
        sink.push({ path, message: `needs at least ${s.minItems} item(s)` });
      if (s.maxItems !== undefined && v.length > s.maxItems)
        sink.push({ path, message: `allows at most ${s.maxItems} item(s)` });
      if (s.items) v.forEach((item, i) => check(s.items!, item, `${path}[${i}]`, sink));
    }
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const record = v as Record<string, unknown>;
      for (const key of s.required ?? [])
        if (record[key] === undefined) sink.push({ path: `${path}.${key}`, message: 'is required' });
      for (const [key, child] of Object.entries(record)) {
        const prop = s.properties?.[key];
        if (prop) check(prop, child, `${path}.${key}`, sink);
        else if (s.additionalProperties === false)
          sink.push({ path: `${path}.${key}`, message: 'is not allowed here' });
      }
    }
  };
  check(root, value, '$', out);
  return out;
}
