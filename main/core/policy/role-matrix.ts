import { Classification } from '../../../common/contract';
import { ExportFormat } from '../../../common/policy/policy-bundle';
import { actionGroups, type ActionInfo } from './action-catalog';
import type { ActivePolicy } from './active-policy';
import type { ResourceFacts } from './entity-resolver';
import { decide } from './policy-decision';
import { classificationLabel } from './policy-evaluator';

/** The situation the matrix assumes: a managed, online device on a weekday morning. */
const situation = {
  device: { id: 'matrix', managed: true, online: true },
  now: new Date(2026, 10, 24, 10, 0),
};

function representative(actions: readonly ActionInfo[], group: string): string | undefined {
  return actions.find((action) => action.group === group)?.id;
}

/**
 * A Markdown table of what each role may do under `active`, found by evaluating (not by reading
 * the policies), so it cannot drift from them. Document groups list the classifications allowed
 * on a colleague's document, or on the user's own only ("own"); users have full clearance;
 * exports ask for a signed document in any format the settings allow. The role `*` stands for a
 * user with no role (what the built-in policy sees).
 */
export function roleMatrix(active: ActivePolicy, roles: readonly string[]): string {
  const actions = [...active.compiled.actions.values()];
  const columns = actionGroups.filter((group) => representative(actions, group.id) !== undefined);
  const lines = [
    `| role | ${columns.map((c) => c.id).join(' | ')} |`,
    `| --- | ${columns.map(() => '---').join(' | ')} |`,
  ];
  for (const role of roles) {
    const user = {
      id: 'matrix-user',
      roles: role === '*' ? [] : [role],
      department: '',
      clearance: 'phi' as const,
    };
    const cells = columns.map((group) => {
      const action = representative(actions, group.id)!;
      const allowed = (resource: ResourceFacts): boolean => {
        const formats = group.id === 'export' ? ExportFormat.options : [undefined];
        return formats.some(
          (exportFormat) =>
            decide(active, { action, user, resource, exportFormat, ...situation }).decision === 'allow',
        );
      };
      if (group.resource === 'workspace') return allowed({ kind: 'workspace' }) ? '✓' : '—';
      const state = group.id === 'export' ? 'signed' : 'draft';
      const doc = (classification: Classification, owner: string): ResourceFacts => ({
        kind: 'document',
        id: 'matrix-doc',
        classification,
        owner,
        industry: 'business',
        state,
      });
      const anyone = Classification.options.filter((c) => allowed(doc(c, 'colleague')));
      const own = Classification.options.filter((c) => !anyone.includes(c) && allowed(doc(c, user.id)));
      const list = (cs: readonly Classification[]) =>
        cs.length === Classification.options.length
          ? 'all'
          : cs.map((c) => classificationLabel[c]).join(', ');
      const parts = [];
      if (anyone.length > 0) parts.push(list(anyone));
      if (own.length > 0) parts.push(`${list(own)} (own)`);
      return parts.length > 0 ? parts.join('; ') : '—';
    });
    lines.push(`| ${role === '*' ? 'any user' : role} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
