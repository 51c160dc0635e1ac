import type { PolicyBundle } from '../../../common/policy/policy-bundle';
import type { CompileResult } from './policy-compiler';

/** Lines `starring policy show` prints: metadata, settings and one line per policy. */
export function describeBundle(
  bundle: PolicyBundle,
  keyId: string | null,
  compiled: CompileResult,
  now: Date,
): string[] {
  const days = Math.floor((Date.parse(bundle.expiresAt) - now.getTime()) / 86_400_000);
  const expiry = days < 0 ? `EXPIRED ${-days} day(s) ago` : `in ${days} day(s)`;
  const s = bundle.settings;
  const formats = Object.entries(s.exportFormats)
    .map(([classification, list]) => `${classification}: ${list.length > 0 ? list.join(', ') : 'none'}`)
    .join('; ');
  const lines = [
    `tenant                    ${bundle.tenant}`,
    `version                   ${bundle.version}`,
    `issued                    ${bundle.issuedAt}`,
    `expires                   ${bundle.expiresAt} (${expiry})`,
    `signed by key             ${keyId ?? '(unsigned)'}  — not checked here; use \`starring policy verify\``,
    'settings',
    `  exportFormats           ${formats || 'none (no exports)'}`,
    `  modelAllowlist          ${s.modelAllowlist.length > 0 ? s.modelAllowlist.map((m) => `${m.id} (${m.sha256.slice(0, 12)}…)`).join(', ') : 'empty (no model packs may run)'}`,
    `  idleLockMinutes         ${s.idleLockMinutes}`,
    `  retentionDays           ${s.retentionDays}`,
    `  auditSyncIntervalMinutes ${s.auditSyncIntervalMinutes}`,
    `  deidentifyBeforeOnPrem  ${s.deidentifyBeforeOnPrem}`,
    `  allowOnPrem             ${s.allowOnPrem ?? false}`,
  ];
  if (!compiled.ok) {
    lines.push(`policies                  INVALID: ${compiled.message}`);
    return lines;
  }
  const policies = [...compiled.compiled.policies.values()];
  const permits = policies.filter((p) => p.effect === 'permit').length;
  lines.push(
    `policies                  ${policies.length} (${permits} permit, ${policies.length - permits} forbid)`,
  );
  for (const p of policies) {
    const scope = p.scope === 'all' ? 'all actions' : p.scope.join(', ');
    lines.push(`  ${p.effect.padEnd(6)} ${p.id.padEnd(28)} [${scope}] ${p.reason ?? ''}`.trimEnd());
  }
  return lines;
}
