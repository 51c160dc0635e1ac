import { useId, useState } from 'react';
import type { PackInfo } from '../../../../../common/contract';
import { formatBytes } from '../../../lib/format';
import { useStore } from '../../../store';
import { CheckIcon, CrossIcon } from '../../../ui/icons';
import { useVerify } from '../hooks/use-verify';
import { useModelsT, type ModelsT } from '../i18n/t';
import { canGenerate, formatLastUsed, formatSpeed, shortHash } from '../lib/pack-format';
import { TestPromptPanel } from './TestPromptPanel';
import { VerifyStatus } from './VerifyStatus';

const COLUMNS = 7;

export function PackTable(props: { packs: PackInfo[]; onChanged: () => void }) {
  const t = useModelsT();
  return (
    <>
      <p className="table-meta">{t('count', { count: props.packs.length })}</p>
      <table className="table models-table">
        <caption className="visually-hidden">{t('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('columns.pack')}</th>
            <th scope="col">{t('columns.tasks')}</th>
            <th scope="col">{t('columns.size')}</th>
            <th scope="col">{t('columns.integrity')}</th>
            <th scope="col">{t('columns.approval')}</th>
            <th scope="col">{t('columns.usage')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('columns.actions')}</span>
            </th>
          </tr>
        </thead>
        {props.packs.map((pack) => (
          <PackRows key={pack.id} pack={pack} onChanged={props.onChanged} />
        ))}
      </table>
    </>
  );
}

/** One pack: its row, and under it the Test prompt box when opened. Each pack is its own tbody. */
function PackRows({ pack, onChanged }: { pack: PackInfo; onChanged: () => void }) {
  const t = useModelsT();
  const locale = useStore((s) => s.locale);
  const verify = useVerify(pack.id, onChanged);
  const [testing, setTesting] = useState(false);
  const panelId = useId();
  const running = verify.state.phase === 'running';

  return (
    <tbody className="pack">
      <tr>
        <th scope="row" className="pack-cell">
          <span className="cell-strong pack-name">{pack.name}</span>
          <span className="cell-mono cell-sub">{pack.id}</span>
          <span className="cell-sub muted pack-meta">
            {t(`origin.${pack.origin}`)} · {t('license', { license: pack.license })}
          </span>
          <span className="cell-mono cell-sub" title={pack.packHash}>
            {t('packHash', { hash: shortHash(pack.packHash) })}
          </span>
          {pack.resident && <span className="badge pack-resident">{t('resident')}</span>}
        </th>
        <td>
          <ul className="task-list">
            {pack.tasks.map((task) => (
              <li key={task} className="badge">
                {t(`tasks.${task}`)}
              </li>
            ))}
          </ul>
        </td>
        <td className="cell-nowrap">{formatBytes(pack.sizeBytes, locale)}</td>
        <td className="integrity-cell">
          {verify.state.phase === 'idle' ? (
            <IntegrityBadge pack={pack} t={t} />
          ) : (
            <VerifyStatus
              name={pack.name}
              state={verify.state}
              integrity={pack.integrity}
              problem={pack.problem}
            />
          )}
        </td>
        <td>
          {pack.allowed ? (
            <span className="badge badge-ok">
              <CheckIcon className="badge-icon" width={12} height={12} />
              {t('approval.allowed')}
            </span>
          ) : (
            <>
              <span className="badge badge-danger">
                <CrossIcon className="badge-icon" width={12} height={12} />
                {t('approval.denied')}
              </span>
              <span className="cell-sub cell-reason">{t('approval.deniedHint')}</span>
            </>
          )}
          <span className={`cell-sub signature signature-${pack.signature}`}>
            {t('signatureLine', { value: t(`signature.${pack.signature}`) })}
          </span>
        </td>
        <td>
          <span className="cell-sub">
            {pack.lastUsed
              ? t('usage.lastUsed', { time: formatLastUsed(pack.lastUsed, locale) })
              : t('usage.never')}
          </span>
          {pack.tokensPerSecond !== undefined && (
            <span className="cell-sub cell-strong pack-speed">
              {t('usage.speed', { speed: formatSpeed(pack.tokensPerSecond, locale) })}
            </span>
          )}
        </td>
        <td className="pack-actions">
          <div className="pack-actions-stack">
            {running ? (
              <button
                type="button"
                className="button button-small"
                onClick={verify.cancel}
                aria-label={t('verify.cancelLabel', { name: pack.name })}
              >
                {t('verify.cancel')}
              </button>
            ) : (
              <button
                type="button"
                className="button button-small"
                onClick={verify.start}
                aria-label={t('verify.buttonLabel', { name: pack.name })}
              >
                {t('verify.button')}
              </button>
            )}
            {canGenerate(pack.tasks) && (
              <button
                type="button"
                className="button button-small"
                aria-expanded={testing}
                aria-controls={testing ? panelId : undefined}
                aria-label={t('test.buttonLabel', { name: pack.name })}
                onClick={() => setTesting((open) => !open)}
              >
                {t('test.button')}
              </button>
            )}
          </div>
        </td>
      </tr>
      {testing && (
        <tr className="test-row">
          <td colSpan={COLUMNS} id={panelId}>
            <TestPromptPanel pack={pack} onFinished={onChanged} />
          </td>
        </tr>
      )}
    </tbody>
  );
}

function IntegrityBadge({ pack, t }: { pack: PackInfo; t: ModelsT }) {
  switch (pack.integrity) {
    case 'verified':
      return (
        <span className="badge badge-ok">
          <CheckIcon className="badge-icon" width={12} height={12} />
          {t('integrity.verified')}
        </span>
      );
    case 'unchecked':
      return (
        <>
          <span className="badge">{t('integrity.unchecked')}</span>
          <span className="cell-sub muted">{t('integrity.uncheckedHint')}</span>
        </>
      );
    case 'failed':
      return (
        <>
          <span className="badge badge-danger">
            <CrossIcon className="badge-icon" width={12} height={12} />
            {t('integrity.failed')}
          </span>
          {pack.problem && <span className="cell-sub cell-problem">{pack.problem}</span>}
        </>
      );
  }
}
