/**
 * The documents and templates channels: request → service → reply, and facts for the audit log
 * (the router writes it; channels marked `audited` in the contract are recorded either way).
 */
import type { TemplateListItem } from '../../../common/contract';
import { localize } from '../../../common/documents';
import { AppError } from '../../../common/errors';
import { AuditedReply, type ChannelHandlers } from '../router/handlers';
import { mapVaultErrors } from '../vault-session/vault-error-mapping';
import { assessReadability } from '../builtins/readability/readability';
import type { DocumentService } from './document.service';
import type { LoadedTemplate, TemplateRegistry } from './template-registry';

type DocumentChannel =
  | 'templates.list'
  | 'templates.get'
  | 'documents.create'
  | 'documents.get'
  | 'documents.save'
  | 'documents.versions'
  | 'documents.diff'
  | 'documents.restore'
  | 'documents.sign'
  | 'documents.amend'
  | 'documents.readability';

export function templateListItem({ template, source }: LoadedTemplate): TemplateListItem {
  return {
    id: template.id,
    name: localize(template.name, 'en'),
    label: template.name,
    description: template.description,
    industry: template.industry,
    version: template.version,
    classification: template.classification,
    sections: template.sections.map((s) => s.title),
    fieldCount: template.sections.reduce((n, s) => n + s.fields.length, 0),
    source,
  };
}

export function documentChannelHandlers(
  service: DocumentService,
  templates: TemplateRegistry,
): Pick<ChannelHandlers, DocumentChannel> {
  return {
    'templates.list': ({ industry }) => ({
      items: templates
        .list()
        .filter((t) => !industry || t.template.industry === industry)
        .map(templateListItem),
      problems: templates.problems().map((p) => ({ file: p.file, message: p.message })),
    }),
    'templates.get': ({ id }) => {
      const loaded = templates.get(id);
      if (!loaded) throw new AppError('NOT_FOUND', `No template "${id}" is installed on this device.`);
      return { template: loaded.template, source: loaded.source };
    },
    'documents.create': async (request, context) => {
      const document = await mapVaultErrors(() => service.create(request, context.actor));
      return new AuditedReply(document, {
        documentId: document.id,
        templateId: document.templateId,
        version: document.version,
      });
    },
    'documents.get': async ({ id, version }) => {
      const document = await mapVaultErrors(() => service.get(id, version));
      return new AuditedReply(document, { documentId: id, version: document.version });
    },
    'documents.save': async (request, context) => {
      const reply = await mapVaultErrors(() => service.save(request, context.actor));
      return new AuditedReply(reply, {
        documentId: request.id,
        version: reply.document.version,
        mergedFields: reply.mergedFields.length,
      });
    },
    'documents.versions': async ({ id }) => ({
      items: (await mapVaultErrors(() => service.versions(id))).map((v) => ({
        version: v.version,
        title: v.title,
        bytes: v.bytes,
        createdAt: new Date(v.createdAt).toISOString(),
      })),
    }),
    'documents.diff': ({ id, from, to }) => mapVaultErrors(() => service.diff(id, from, to)),
    'documents.restore': async (request, context) => {
      const document = await mapVaultErrors(() => service.restore(request, context.actor));
      return new AuditedReply(document, {
        documentId: document.id,
        restoredFrom: request.version,
        version: document.version,
      });
    },
    'documents.sign': async (request, context) => {
      const reply = await mapVaultErrors(() => service.sign(request, context.actor));
      return new AuditedReply(reply, {
        documentId: request.id,
        meaning: reply.signature.meaning,
        signedVersion: reply.signature.version,
        versionHash: reply.signature.versionHash,
      });
    },
    'documents.readability': ({ text }) => {
      const r = assessReadability(text);
      if (r.kind === 'flesch-kincaid')
        return {
          applicable: true,
          gradeLevel: Math.round(r.gradeLevel * 10) / 10,
          readingEase: Math.round(r.readingEase),
          words: r.words,
          sentences: r.sentences,
        };
      return {
        applicable: false,
        reason: r.reason,
        ...(r.characterMeasure && { hanCharactersPerSentence: r.characterMeasure.hanCharactersPerSentence }),
      };
    },
    'documents.amend': async ({ id }, context) => {
      const document = await mapVaultErrors(() => service.amend(id, context.actor));
      return new AuditedReply(document, {
        documentId: id,
        version: document.version,
        amends: document.content.amends?.version ?? 0,
      });
    },
  };
}
