import type { PolicyExplanation } from '../../../../../common/contract';
import { api } from '../../../api';
import { useApiQuery } from '../../../lib/use-api-query';
import { cellKey, classifications, matrixRows } from '../lib/actions';

/** Every cell's answer, keyed by `cellKey(row, classification)`. */
export type PermissionMatrix = ReadonlyMap<string, PolicyExplanation>;

const loadPolicy = () => api.policy.current({});

/**
 * Asks `policy.explain` about every (action, classification) pair at once, for the caller's own
 * draft. The answers come from the same decision procedure the router enforces.
 */
async function loadMatrix(): Promise<PermissionMatrix> {
  const cells = matrixRows.flatMap((row) =>
    classifications.map((classification) => ({ row, classification })),
  );
  const answers = await Promise.all(
    cells.map(({ row, classification }) =>
      api.policy.explain({
        action: row.action,
        classification,
        owner: 'self',
        state: 'draft',
        ...(row.exportFormat && { exportFormat: row.exportFormat }),
      }),
    ),
  );
  return new Map(cells.map((cell, index) => [cellKey(cell.row, cell.classification), answers[index]!]));
}

const loadManaged = () => api.settings.managed({});

/** The policy in force: source, validity, settings, last refused bundle. */
export function usePolicyCurrent() {
  return useApiQuery(loadPolicy);
}

/** "What you may do": one decision per matrix cell. */
export function usePermissionMatrix() {
  return useApiQuery(loadMatrix);
}

/** Every managed setting with its effective value and lock, plus what managed configuration got wrong. */
export function useManagedSettings() {
  return useApiQuery(loadManaged);
}
