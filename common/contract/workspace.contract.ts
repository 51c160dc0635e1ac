import { z } from 'zod';
import { channel } from './define';

export const Industry = z.enum(['healthcare', 'manufacturing', 'business', 'education', 'content']);
export type Industry = z.infer<typeof Industry>;

export const Classification = z.enum(['public', 'internal', 'confidential', 'phi']);
export type Classification = z.infer<typeof Classification>;

export const DocumentSummary = z.strictObject({
  id: z.string(),
  title: z.string(),
  templateId: z.string(),
  industry: Industry,
  classification: Classification,
  updatedAt: z.string(),
  version: z.number().int().positive(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const TemplateSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  industry: Industry,
  version: z.number().int().positive(),
});
export type TemplateSummary = z.infer<typeof TemplateSummary>;

export const ModelSummary = z.strictObject({
  id: z.string(),
  name: z.string(),
  tasks: z.array(z.string()),
  verified: z.boolean(),
});
export type ModelSummary = z.infer<typeof ModelSummary>;

/** One event from the router's audit stage, as the Audit view lists it. */
export const AuditEvent = z.strictObject({
  seq: z.number().int().positive(),
  ts: z.string(),
  actor: z.string(),
  action: z.string(),
  outcome: z.enum(['allow', 'deny', 'failure']),
  reason: z.string(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

const Page = z.strictObject({
  query: z.string().max(500).default(''),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});

export const workspaceContract = {
  'documents.list': channel({
    summary: 'Documents in the vault, newest first, optionally filtered by a full-text query.',
    request: Page,
    reply: z.strictObject({ items: z.array(DocumentSummary), total: z.number().int().nonnegative() }),
  }),
  'models.list': channel({
    summary: 'Model packs found on this device, with their verification state.',
    request: z.strictObject({}),
    reply: z.strictObject({ items: z.array(ModelSummary) }),
  }),
  'audit.recent': channel({
    summary: 'The most recent audit events, newest first.',
    request: z.strictObject({ limit: z.number().int().min(1).max(1_000).default(100) }),
    reply: z.strictObject({ items: z.array(AuditEvent), store: z.enum(['memory', 'vault']) }),
    audited: true,
  }),
};
