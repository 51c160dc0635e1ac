import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../../../common/contract';
import { documentHref } from '../../../app/sections';
import { useSearchT } from '../i18n/t';

/** Documents the semantic index found close in meaning that do not contain the words typed. */
export function SimilarDocuments({ items }: { items: DocumentSummary[] }) {
  const t = useSearchT();
  const { t: tApp } = useTranslation();
  if (items.length === 0) return null;
  return (
    <section className="search-similar" aria-labelledby="search-similar-heading">
      <h2 id="search-similar-heading">{t('similar.title')}</h2>
      <ul>
        {items.map((doc) => (
          <li key={doc.id}>
            <a href={documentHref(doc.id)}>{doc.title}</a>
            <span className="search-source search-source-semantic">{t('source.semantic')}</span>
            <span className="cell-sub">
              {tApp(`industry.${doc.industry}`)} · {tApp(`classification.${doc.classification}`)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
