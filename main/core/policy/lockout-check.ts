import { essentialActions } from './action-catalog';
import { builtinRoles, referencedRoles } from './builtin-roles';
import type { CompiledPolicies } from './policy-compiler';
import { evaluatePolicies } from './policy-evaluator';

/** What the probe found: essential actions nobody may call, and softer warnings. */
export interface LockoutReport {
  /** Essential actions that every probed user is denied in every probed situation. */
  lockedOut: string[];
  warnings: string[];
}

// Situations a user may be in: managed or not, online or not, office hours or a weekend night.
const situations = [true, false].flatMap((managed) =>
  [true, false].flatMap((online) =>
    [new Date(2026, 10, 24, 10, 0), new Date(2026, 10, 28, 3, 0)].map((now) => ({ managed, online, now })),
  ),
);

/**
 * Refusing a bundle that would stop everyone from unlocking the vault or opening the app, found by
 * evaluating rather than by reading the policies: every built-in role, every role the bundle names
 * and a user with no role, each with full clearance, in each situation above.
 */
export function checkLockout(compiled: CompiledPolicies, policyText: string): LockoutReport {
  const custom = referencedRoles(policyText).filter(
    (role) => !(builtinRoles as readonly string[]).includes(role),
  );
  const probes = [...builtinRoles, ...custom].map((role) => [role]);
  probes.push([]);
  const essentials = essentialActions.filter((action) => compiled.actions.has(action));
  const lockedOut: string[] = [];
  const warnings = custom.map(
    (role) =>
      `The bundle names role "${role}", which is not built in: make sure identity assigns it to someone.`,
  );
  const deniedByRole = new Map<string, string[]>();
  for (const action of essentials) {
    let anyone = false;
    for (const roles of probes) {
      const allowed = situations.some(
        ({ managed, online, now }) =>
          evaluatePolicies(compiled, {
            action,
            user: { id: 'lockout-probe', roles, department: '', clearance: 'phi' },
            resource: { kind: 'workspace' },
            device: { id: 'probe', managed, online },
            now,
          }).decision === 'allow',
      );
      if (allowed) anyone = true;
      else if (roles[0] !== undefined)
        deniedByRole.set(roles[0], [...(deniedByRole.get(roles[0]) ?? []), action]);
    }
    if (!anyone) lockedOut.push(action);
  }
  for (const [role, denied] of deniedByRole) {
    warnings.push(
      `Role "${role}" could not use ${denied.map((a) => `"${a}"`).join(', ')} under this bundle.`,
    );
  }
  return { lockedOut, warnings };
}
