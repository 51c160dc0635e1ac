import type { PolicyExplanation } from '../../../../../common/contract';
import { CheckIcon, CrossIcon } from '../../../ui/icons';
import { localizedReason, policyIdNote, type PolicyT } from '../i18n/t';

/** ✓ Allowed / ✗ Denied: an icon and a word, never colour alone. */
export function DecisionMark(props: { decision: PolicyExplanation['decision']; t: PolicyT }) {
  const allowed = props.decision === 'allow';
  return (
    <span className={allowed ? 'policy-decision policy-allow' : 'policy-decision policy-deny'}>
      {allowed ? <CheckIcon width={15} height={15} /> : <CrossIcon width={15} height={15} />}
      <span>{props.t(`decision.${props.decision}`)}</span>
    </span>
  );
}

/** Why a decision came out as it did: the policy's sentence and the id of the deciding policy. */
export function Explanation(props: { answer: PolicyExplanation; t: PolicyT }) {
  const { answer, t } = props;
  const note = policyIdNote(t, answer.policyId);
  return (
    <>
      <p className="policy-reason" data-testid="policy-reason">
        {localizedReason(t, answer.policyId, answer.reason)}
      </p>
      <p className="policy-deciding">
        <span className="muted">{t('matrix.deciding')}</span>{' '}
        <code className="policy-id">{answer.policyId}</code>
        {note && <span className="muted"> — {note}</span>}
      </p>
    </>
  );
}
