import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../../../common/errors';

/** The command IT runs to name every damaged file (main/cli/vault.command.ts). */
export const VERIFY_COMMAND = 'starring vault verify';

/**
 * The damaged file, relative to the vault folder. `details.file` carries it; where a reply lost
 * its details (vault.state passes the vault's error through without them), the core's sentence
 * "Vault file X is damaged…" still names it.
 */
export function damagedFile(error: AppErrorData): string | null {
  const file = error.details?.file;
  if (typeof file === 'string' && file !== '') return file;
  return /\bfile (\S+) is damaged\b/.exec(error.message)?.[1] ?? null;
}

/**
 * A vault file failed its integrity check: which one, and what to do about it. Nothing is
 * repaired or deleted from here: that is for IT, with a backup at hand.
 */
export function DamagedVaultSteps({ error }: { error: AppErrorData }) {
  const { t } = useTranslation();
  const file = damagedFile(error);
  return (
    <div className="damaged">
      <p>{t('vault.damaged.body')}</p>
      {file !== null && (
        <p>
          {t('vault.damaged.file')} <code className="file-name">{file}</code>
        </p>
      )}
      <p className="damaged-steps-title">{t('vault.damaged.whatToDo')}</p>
      <ol className="damaged-steps">
        <li>{t('vault.damaged.stepKeep')}</li>
        <li>{t('vault.damaged.stepContact')}</li>
        <li>
          {t('vault.damaged.stepVerify')} <code className="command">{VERIFY_COMMAND}</code>
        </li>
      </ol>
      <details className="boot-details">
        <summary>{t('boot.details')}</summary>
        <p className="cell-mono">
          {error.code}: {error.message}
        </p>
      </details>
    </div>
  );
}
