import { contract } from '../../../common/contract';

/**
 * Every contract channel is a Cedar action. Policies are written against action GROUPS (read,
 * export, admin …) so a bundle signed today still covers the channels added tomorrow — but only
 * once someone decides which group a new channel belongs to, here. A channel missing from this
 * catalog is still an action (the schema is derived from the contract keys), in no group, so no
 * group-scoped policy matches it and it is denied by default.
 */

/** What a Cedar request's resource is for an action. */
export type ResourceKind = 'workspace' | 'document';

/** A group of actions policies name (`Action::"export"`), and the resource its actions act on. */
export interface ActionGroup {
  /** Cedar id: `Action::"export"`. */
  id: string;
  resource: ResourceKind;
  /** Gerund phrase used in default-deny sentences: "exporting documents". */
  phrase: string;
}

/** The groups policies are written against. Document groups get a Document resource. */
export const actionGroups = [
  { id: 'basics', resource: 'workspace', phrase: 'basic use of the app' },
  { id: 'keys', resource: 'workspace', phrase: 'managing your vault keys' },
  { id: 'browse', resource: 'workspace', phrase: 'listing documents, templates and models' },
  { id: 'read', resource: 'document', phrase: 'opening documents' },
  { id: 'write', resource: 'document', phrase: 'editing documents' },
  { id: 'sign', resource: 'document', phrase: 'signing documents' },
  { id: 'export', resource: 'document', phrase: 'exporting documents' },
  { id: 'ai', resource: 'document', phrase: 'using AI on documents' },
  { id: 'audit', resource: 'workspace', phrase: 'viewing the audit log' },
  { id: 'audit-export', resource: 'workspace', phrase: 'exporting the audit log' },
  { id: 'admin', resource: 'workspace', phrase: 'administering the workspace' },
] as const satisfies readonly ActionGroup[];

export type ActionGroupId = (typeof actionGroups)[number]['id'];

/**
 * Group of each known channel. Entries for channels not yet in the contract (other features are
 * adding them) are kept so bundles may name them today; they are harmless until the channel exists.
 */
export const actionCatalog: Readonly<Record<string, ActionGroupId>> = {
  'app.info': 'basics',
  'app.status': 'basics',
  'app.watchStatus': 'basics',
  'settings.setLocale': 'basics',
  'settings.managed': 'basics',
  'diagnostics.selfTest': 'basics',
  'policy.current': 'basics',
  'policy.explain': 'basics',
  'vault.state': 'basics',
  'vault.passphraseStrength': 'basics',
  'vault.create': 'basics',
  'vault.unlock': 'basics',
  'vault.lock': 'basics',
  'vault.touch': 'basics',
  'vault.stats': 'basics',
  'vault.changePassphrase': 'keys',
  'vault.addKeystore': 'keys',
  'vault.removeMethod': 'keys',
  'vault.rotateKeys': 'keys',
  'vault.reencrypt': 'keys',
  'documents.list': 'browse',
  // Search returns what the list does (titles and metadata of the vault's documents), ranked.
  'search.query': 'browse',
  'templates.list': 'browse',
  'templates.get': 'browse',
  'models.list': 'browse',
  'models.packs': 'browse',
  'models.verify': 'browse',
  'documents.open': 'read',
  'documents.versions': 'read',
  'documents.save': 'write',
  'documents.delete': 'write',
  'documents.restoreVersion': 'write',
  'documents.sign': 'sign',
  // Creating has no document yet: the resolver describes it as an unsaved document of the caller.
  'documents.create': 'write',
  'documents.get': 'read',
  'documents.diff': 'read',
  // Measures text the caller already has; it reads no document.
  'documents.readability': 'browse',
  'documents.restore': 'write',
  // Amending continues a SIGNED document as a new draft: "write" is forbidden on signed documents
  // by design, so it belongs with signing (those who may sign a document may start its amendment).
  'documents.amend': 'sign',
  'documents.export': 'export',
  // AI acts on text of a classification, usually a document's; without a documentId the
  // resolver describes the text as an unsaved document of the caller (see entity-resolver.ts).
  'assistant.chat': 'ai',
  'models.embed': 'ai',
  'models.testPrompt': 'ai',
  'audit.recent': 'audit',
  'audit.query': 'audit',
  'audit.verifyChain': 'audit',
  'audit.exportBundle': 'audit-export',
  // Sync status and "sync now" only move what already syncs on its own (audit, policy): basics.
  'sync.status': 'basics',
  'sync.now': 'basics',
  // Enrolling binds the device to an organisation: administration (base-roles gives it to it-admin);
  // the built-in policy also lets the local user enroll with IT's one-time code (builtin-policy.ts).
  'sync.enroll': 'admin',
  'sync.unenroll': 'admin',
};

/** One action as the schema and the evaluator see it. */
export interface ActionInfo {
  id: string;
  group: ActionGroupId | null;
  resource: ResourceKind;
}

const groupById = new Map<string, (typeof actionGroups)[number]>(actionGroups.map((g) => [g.id, g]));

/** The group entry for an id, or undefined when `id` is a channel rather than a group. */
export function actionGroup(id: string): ActionGroup | undefined {
  return groupById.get(id);
}

let defaultActions: readonly ActionInfo[] | undefined;

/**
 * The action universe: every contract key plus every catalogued channel, sorted. Pass `extra`
 * (tests, or a contract not merged yet) to add channel names. Without `extra` the same array is
 * returned every time, so what is compiled per universe (the built-in policy) is compiled once.
 */
export function policyActions(extra: readonly string[] = []): readonly ActionInfo[] {
  if (extra.length === 0) return (defaultActions ??= buildActions([]));
  return buildActions(extra);
}

function buildActions(extra: readonly string[]): readonly ActionInfo[] {
  const names = new Set<string>([...Object.keys(contract), ...Object.keys(actionCatalog), ...extra]);
  for (const group of actionGroups) names.delete(group.id);
  return Object.freeze(
    [...names].sort().map((id) => {
      const group = Object.hasOwn(actionCatalog, id) ? actionCatalog[id]! : null;
      return Object.freeze({ id, group, resource: group ? groupById.get(group)!.resource : 'workspace' });
    }),
  );
}

/** Channels every user must keep, checked before a bundle is accepted (see lockout-check.ts). */
export const essentialActions: readonly string[] = ['vault.unlock', 'vault.state', 'app.info', 'app.status'];
