import { useTranslation } from 'react-i18next';
import type { StrengthRating } from '../hooks/use-passphrase-strength';

const levelKeys = [
  'vault.strength.levels.veryWeak',
  'vault.strength.levels.weak',
  'vault.strength.levels.fair',
  'vault.strength.levels.strong',
  'vault.strength.levels.veryStrong',
] as const;

/**
 * Five segments for zxcvbn's score 0–4, its level in words, and what would make it stronger.
 * The core's advice is English; other languages get a general hint in their own words.
 */
export function StrengthMeter({ strength, id }: { strength: StrengthRating; id: string }) {
  const { t, i18n } = useTranslation();
  const { rating } = strength;
  const score = rating?.score ?? -1;
  const level = rating ? t(levelKeys[rating.score] ?? levelKeys[0]) : t('vault.strength.empty');
  const advice = rating && !rating.acceptable ? [rating.warning, ...rating.suggestions].filter(Boolean) : [];

  return (
    <div className="strength" id={id}>
      <div
        className={`strength-bar strength-score-${score}`}
        role="meter"
        aria-label={t('vault.strength.label')}
        aria-valuemin={0}
        aria-valuemax={4}
        aria-valuenow={Math.max(score, 0)}
        aria-valuetext={level}
      >
        {levelKeys.map((key, index) => (
          <span key={key} className={index <= score ? 'strength-segment filled' : 'strength-segment'} />
        ))}
      </div>
      <p className="strength-level">
        {rating ? t('vault.strength.value', { level }) : level}
        {rating?.acceptable && <span className="muted"> · {t('vault.strength.good')}</span>}
      </p>
      {advice.length > 0 &&
        (i18n.language === 'en' ? (
          <ul className="strength-advice">
            {advice.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <p className="strength-advice">{t('vault.strength.hint')}</p>
        ))}
    </div>
  );
}
