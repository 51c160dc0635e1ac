import type { Classification } from '../../../common/contract';
import {
  classificationLabel,
  evaluatePolicies,
  type PolicyDecision,
  type PolicyRequestFacts,
} from './policy-evaluator';
import type { ActivePolicy } from './active-policy';

const formatLabel: Readonly<Record<string, string>> = {
  pdf: 'PDF',
  docx: 'DOCX',
  markdown: 'Markdown',
  fhir: 'FHIR',
  csv: 'CSV',
};

/** Policy id reported when the bundle's export-format setting, not a Cedar policy, decided. */
export const EXPORT_FORMATS_POLICY_ID = 'settings.exportFormats';

/**
 * The one decision procedure, shared by the router's authorizer and `starring policy explain`:
 * 1. the policy in force (bundle or built-in) must allow;
 * 2. while the bundle is expired, the stricter fallback must allow too;
 * 3. an export must use a format the settings allow for the document's classification.
 */
export function decide(active: ActivePolicy, facts: PolicyRequestFacts): PolicyDecision {
  const primary = evaluatePolicies(active.compiled, facts);
  if (primary.decision === 'deny') return primary;
  if (active.fallback) {
    const fallback = evaluatePolicies(active.fallback, facts);
    if (fallback.decision === 'deny') return fallback;
  }
  const group = active.compiled.actions.get(facts.action)?.group;
  if (group === 'export' && facts.resource.kind === 'document') {
    const classification: Classification = facts.resource.classification;
    const allowed: readonly string[] = active.settings.exportFormats[classification] ?? [];
    const format = facts.exportFormat;
    if (format === undefined || !allowed.includes(format)) {
      const what = `${classificationLabel[classification]} documents`;
      const reason =
        format === undefined
          ? `The export request did not say which format it wants, so exporting ${what} is denied.`
          : `Your organisation's policy does not allow exporting ${what} as ${formatLabel[format] ?? format}` +
            (allowed.length > 0 ? ` (allowed: ${allowed.map((f) => formatLabel[f] ?? f).join(', ')}).` : '.');
      return {
        decision: 'deny',
        reason,
        policyId: EXPORT_FORMATS_POLICY_ID,
        determining: [],
        errors: primary.errors,
      };
    }
  }
  return primary;
}
