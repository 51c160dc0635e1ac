import { Classification, type Industry } from '../../../common/contract';
import { AppError } from '../../../common/errors';
import { actionCatalog, type ResourceKind } from './action-catalog';
import type { CallContext } from '../router/call-context';

/** The caller, as identity knows them. Becomes `User::"<id>"` with its roles as parents. */
export interface UserFacts {
  id: string;
  /** Role ids: `Role::"clinician"`. */
  roles: readonly string[];
  department: string;
  /** Highest classification this user may see. */
  clearance: Classification;
}

/** A document, as the documents service knows it. Becomes `Document::"<id>"`. */
export interface DocumentFacts {
  kind: 'document';
  id: string;
  classification: Classification;
  /** User id of the owner. */
  owner: string;
  /** 'unknown' for text that is not (yet) a saved document. */
  industry: Industry | 'unknown';
  state: 'draft' | 'signed';
}

/** Every channel that is not about one document acts on the workspace. */
export interface WorkspaceFacts {
  kind: 'workspace';
}

export type ResourceFacts = DocumentFacts | WorkspaceFacts;

/** This machine right now (Cedar sees it as `context.device`). */
export interface DeviceFacts {
  /** For the audit trail; policies see only `managed` and `online`. */
  id: string;
  /** Managed configuration is present (IT set this machine up). */
  managed: boolean;
  online: boolean;
}

/**
 * Supplies the entities of one authorization call. Only what the request concerns is resolved —
 * the principal, its roles, the resource (and the device's state) — which is how Cedar is meant to be fed
 * (and passing the whole directory per call costs ~15 µs per entity in cedar-wasm).
 * The identity and documents features provide real implementations.
 */
export interface EntityResolver {
  /** The actor of a call. */
  user(context: CallContext): UserFacts | Promise<UserFacts>;
  /**
   * The resource of `action`; `kind` says which the schema expects. Throw NOT_FOUND for an unknown
   * id. `context` names the caller, who owns unsaved text (see `unsavedText`).
   */
  resource(
    action: string,
    request: unknown,
    kind: ResourceKind,
    context: CallContext,
  ): ResourceFacts | Promise<ResourceFacts>;
  device(): DeviceFacts | Promise<DeviceFacts>;
}

/** Configuration of the single-local-user resolver. */
export interface LocalResolverOptions {
  /** Roles of the local user (none until identity assigns some). */
  roles?: readonly string[];
  department?: string;
  clearance?: Classification;
  device: () => DeviceFacts;
  /** Looks a document up by id (the documents service); absent means no document exists. */
  findDocument?: (
    id: string,
  ) => Omit<DocumentFacts, 'kind'> | undefined | Promise<Omit<DocumentFacts, 'kind'> | undefined>;
}

/**
 * Text sent to AI without a saved document (a chat, a test prompt, texts to embed): an unsaved
 * draft of the caller, of the classification the request states — PHI when it states none, the
 * strictest, as the models contract does.
 */
export function unsavedText(request: unknown, owner: string): DocumentFacts {
  const stated =
    typeof request === 'object' && request !== null
      ? (request as Record<string, unknown>).classification
      : undefined;
  const classification = Classification.safeParse(stated);
  return {
    kind: 'document',
    id: 'unsaved-text',
    classification: classification.success ? classification.data : 'phi',
    owner,
    industry: 'unknown',
    state: 'draft',
  };
}

/** The id of the document a request is about: `documentId`, else `id`. */
export function documentIdOf(request: unknown): string | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const record = request as Record<string, unknown>;
  const id = record.documentId ?? record.id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

/**
 * The resolver for today's single local user: the actor the transport names, with the configured
 * roles and full clearance over their own device's vault.
 */
export function createLocalEntityResolver(options: LocalResolverOptions): EntityResolver {
  return {
    user: (context) => ({
      id: context.actor,
      roles: options.roles ?? [],
      department: options.department ?? '',
      clearance: options.clearance ?? 'phi',
    }),
    async resource(action, request, kind, context) {
      if (kind === 'workspace') return { kind: 'workspace' };
      // AI requests carry other ids (a model pack's); only `documentId` names a document there.
      const ai = actionCatalog[action] === 'ai';
      const id = ai
        ? documentIdOf({ documentId: (request as { documentId?: unknown } | null)?.documentId })
        : documentIdOf(request);
      if (id === undefined && ai) return unsavedText(request, context.actor);
      // A document being created is the caller's own unsaved draft (PHI until it exists: strictest).
      if (action === 'documents.create') return unsavedText(request, context.actor);
      const found = id === undefined ? undefined : await options.findDocument?.(id);
      if (!found) {
        throw new AppError('NOT_FOUND', `The document for "${action}" was not found.`, {
          field: 'documentId',
        });
      }
      return { kind: 'document', ...found };
    },
    device: () => options.device(),
  };
}
