import { useEffect, useState } from 'react';
import type { ReplyOf } from '../../../../../common/contract';
import type { FieldValue, GlossaryEntry } from '../../../../../common/documents';
import { api } from '../../../api';
import { useEditorT } from '../i18n/t';
import { plainOf } from '../lib/editor-values';

/** Pause before measuring: the measure runs in the core (main/core/builtins/readability). */
const MEASURE_MS = 300;

/** Live reading level against the field's target grade (patient leaflets). */
export function ReadabilityMeter(props: { value: FieldValue | undefined; maxGrade: number }) {
  const t = useEditorT();
  const text = plainOf(props.value);
  const [result, setResult] = useState<ReplyOf<'documents.readability'> | null>(null);
  useEffect(() => {
    if (!text.trim()) return;
    let live = true;
    const timer = setTimeout(() => {
      api.documents.readability({ text: text.slice(0, 200_000) }).then(
        (r) => live && setResult(r),
        () => live && setResult(null),
      );
    }, MEASURE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  if (!result || !text.trim()) return null;
  if (!result.applicable)
    return (
      <p className="readability" data-testid="readability">
        {t('editor.readabilityNa', { reason: result.reason ?? '' })}
      </p>
    );
  const ok = (result.gradeLevel ?? 0) <= props.maxGrade;
  return (
    <p
      className={`readability readability-${ok ? 'ok' : 'high'}`}
      data-testid="readability"
      aria-live="polite"
    >
      {t('editor.readability', { grade: result.gradeLevel ?? 0, target: props.maxGrade })} ·{' '}
      {ok ? t('editor.readabilityOk') : t('editor.readabilityHigh')}
    </p>
  );
}

/** Brand-voice glossary: terms the brand avoids, found in the text as it is written. */
export function GlossaryCheck(props: { value: FieldValue | undefined; glossary: GlossaryEntry[] }) {
  const t = useEditorT();
  const text = plainOf(props.value).toLowerCase();
  const hits = props.glossary.filter((g) =>
    new RegExp(`\\b${g.avoid.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text),
  );
  if (hits.length === 0) return null;
  return (
    <ul className="glossary-hits" aria-live="polite">
      {hits.map((h) => (
        <li key={h.avoid} className="field-flag field-flag-warning">
          {t('editor.glossaryHit', { avoid: h.avoid, prefer: h.prefer })}
        </li>
      ))}
    </ul>
  );
}
