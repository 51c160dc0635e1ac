import { z } from 'zod';

/** One documented route; bodies and replies are the same zod schemas the handlers parse with. */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  auth: 'none' | 'device-mtls' | 'admin';
  body?: z.ZodType;
  reply?: z.ZodType;
  /** HTTP status of the success reply (200 unless said). */
  status?: number;
}

export interface OpenApiRegistry {
  add(doc: RouteDoc): void;
  document(version: string): Record<string, unknown>;
}

const ErrorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        seq: { type: 'integer' },
        expectedSeq: { type: 'integer' },
      },
    },
  },
};

function schemaOf(type: z.ZodType): unknown {
  // 'input' describes what a client sends (defaults optional); unrepresentable parts (refinements,
  // transforms) become `{}` rather than throwing.
  return z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' });
}

/** OpenAPI 3.1 from the registered routes: `{param}` path syntax, JSON Schema 2020-12 bodies. */
export function createOpenApiRegistry(): OpenApiRegistry {
  const docs: RouteDoc[] = [];
  return {
    add: (doc) => void docs.push(doc),
    document(version) {
      const paths: Record<string, Record<string, unknown>> = {};
      for (const doc of docs) {
        const path = doc.path.replace(/:([A-Za-z]+)/g, '{$1}');
        const params = [...doc.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
          name: m[1],
          in: 'path',
          required: true,
          schema: { type: 'string' },
        }));
        const status = String(doc.status ?? 200);
        paths[path] ??= {};
        paths[path][doc.method] = {
          summary: doc.summary,
          ...(params.length > 0 ? { parameters: params } : {}),
          ...(doc.auth === 'admin' ? { security: [{ adminToken: [] }, { adminSession: [] }] } : {}),
          ...(doc.auth === 'device-mtls' ? { security: [{ deviceCertificate: [] }] } : {}),
          ...(doc.body
            ? {
                requestBody: {
                  required: true,
                  content: { 'application/json': { schema: schemaOf(doc.body) } },
                },
              }
            : {}),
          responses: {
            [status]: doc.reply
              ? { description: 'OK', content: { 'application/json': { schema: schemaOf(doc.reply) } } }
              : { description: 'OK' },
            default: { description: 'Error', content: { 'application/json': { schema: ErrorSchema } } },
          },
        };
      }
      return {
        openapi: '3.1.0',
        info: { title: 'StarRing Workspace enterprise server', version },
        components: {
          securitySchemes: {
            adminToken: {
              type: 'http',
              scheme: 'bearer',
              description: 'admin API token (sro_… operator, sra_… tenant)',
            },
            adminSession: { type: 'apiKey', in: 'cookie', name: 'starring_admin_session' },
            deviceCertificate: { type: 'mutualTLS' },
          },
        },
        paths,
      };
    },
  };
}
