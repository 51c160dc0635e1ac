import type { SearchSource, SemanticStatus } from '../../../../../common/contract';
import { useSearchT } from '../i18n/t';

/** Where a result came from: a text match, similar meaning, or both. */
export function SourceBadges({ sources }: { sources: readonly SearchSource[] }) {
  const t = useSearchT();
  return (
    <>
      {sources.map((s) => (
        <span key={s} className={`search-source search-source-${s}`}>
          {t(`source.${s}`)}
        </span>
      ))}
    </>
  );
}

/** One line under the search: semantic search ready, still indexing, or why it is full-text only. */
export function SemanticNote({ status }: { status: SemanticStatus }) {
  const t = useSearchT();
  if (status.state === 'off') return null;
  const text =
    status.state === 'ready'
      ? t('semantic.ready', { model: status.modelId ?? '' })
      : status.state === 'indexing'
        ? t('semantic.indexing', { pending: status.pending })
        : t('semantic.unavailableShort');
  // The core's reason (in English, from routing and policy) is the detail behind the short sentence.
  return (
    <p
      className={`search-semantic search-semantic-${status.state}`}
      title={status.state === 'unavailable' ? status.reason : undefined}
    >
      {text}
    </p>
  );
}
