import type { AuditOutcome } from '../../../../../common/audit/entry.schema';
import { AlertIcon, CheckIcon, CrossIcon } from '../../../ui/icons';
import type { AuditT } from '../i18n/t';

const icons = { allow: CheckIcon, success: CheckIcon, deny: CrossIcon, failure: AlertIcon } as const;

/** Denials (red) and failures (amber) stand out by icon and word as well as by colour. */
export function OutcomeBadge({ outcome, t }: { outcome: AuditOutcome; t: AuditT }) {
  const Icon = icons[outcome];
  return (
    <span className={`badge audit-outcome audit-outcome-${outcome}`}>
      <Icon className="audit-outcome-icon" width={12} height={12} strokeWidth={2.25} />
      {t(`outcome.${outcome}`)}
    </span>
  );
}
