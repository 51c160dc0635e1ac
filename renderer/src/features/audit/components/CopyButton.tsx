import { useEffect, useState } from 'react';
import { CheckIcon } from '../../../ui/icons';
import type { AuditT } from '../i18n/t';

/** Copies `text` to the clipboard and says so (politely announced); the text stays selectable too. */
export function CopyButton(props: { text: string; what: string; t: AuditT }) {
  const { t } = props;
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2500);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = (): void => {
    navigator.clipboard.writeText(props.text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  return (
    <span className="audit-copy">
      <button
        type="button"
        className="button button-small"
        onClick={copy}
        aria-label={t('details.copyLabel', { what: props.what })}
      >
        {state === 'copied' && <CheckIcon width={14} height={14} />}
        {state === 'copied' ? t('details.copied') : t('details.copy')}
      </button>
      <span className="audit-copy-status" role="status">
        {state === 'failed' ? t('details.copyFailed') : ''}
      </span>
    </span>
  );
}
