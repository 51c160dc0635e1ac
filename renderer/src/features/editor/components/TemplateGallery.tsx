import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Industry } from '../../../../../common/contract';
import { localize } from '../../../../../common/documents';
import { api, toAppError } from '../../../api';
import { documentHref } from '../../../app/sections';
import { useStore } from '../../../store';
import { EmptyState } from '../../../ui/EmptyState';
import { TemplateIcon } from '../../../ui/icons';
import { QueryView } from '../../../ui/QueryView';
import { SectionPage } from '../../../ui/SectionPage';
import { useTemplates } from '../../templates/hooks/use-templates';
import { useEditorT } from '../i18n/t';
import '../editor.css';

/** The Templates section: a gallery by industry with a preview of each template's sections. */
export function TemplateGallery() {
  const { t: tApp, i18n } = useTranslation();
  const t = useEditorT();
  const templates = useTemplates();
  const reportError = useStore((s) => s.reportError);
  const [industry, setIndustry] = useState<Industry | ''>('');
  const [creating, setCreating] = useState<string | null>(null);

  async function use(templateId: string) {
    setCreating(templateId);
    try {
      const doc = await api.documents.create({ templateId });
      window.location.assign(documentHref(doc.id));
    } catch (error) {
      reportError(toAppError(error));
    } finally {
      setCreating(null);
    }
  }

  return (
    <SectionPage title={tApp('nav.templates')} description={t('gallery.description')}>
      <QueryView query={templates}>
        {({ items, problems }) =>
          items.length === 0 ? (
            <EmptyState icon={<TemplateIcon width={28} height={28} />} title={tApp('templates.emptyTitle')}>
              <p>{tApp('templates.emptyBody')}</p>
            </EmptyState>
          ) : (
            <>
              <label className="gallery-filter">
                {t('gallery.filter')}{' '}
                <select
                  className="input"
                  value={industry}
                  onChange={(e) => setIndustry(e.target.value as Industry | '')}
                >
                  <option value="">{t('gallery.allIndustries')}</option>
                  {Industry.options.map((i) => (
                    <option key={i} value={i}>
                      {tApp(`industry.${i}`)}
                    </option>
                  ))}
                </select>
              </label>
              {Industry.options
                .filter((i) => !industry || i === industry)
                .map((ind) => {
                  const group = items.filter((tpl) => tpl.industry === ind);
                  if (group.length === 0) return null;
                  return (
                    <section key={ind} className="gallery-group" aria-labelledby={`industry-${ind}`}>
                      <h2 id={`industry-${ind}`}>{tApp(`industry.${ind}`)}</h2>
                      <ul className="gallery">
                        {group.map((tpl) => (
                          <li key={tpl.id} className="template-card" data-template-id={tpl.id}>
                            <h3>{localize(tpl.label, i18n.language)}</h3>
                            <p className="cell-muted">
                              v{tpl.version} · {t('gallery.fields', { count: tpl.fieldCount })}
                              {tpl.source === 'managed' && <> · {t('gallery.managed')}</>}
                            </p>
                            <p>{localize(tpl.description, i18n.language)}</p>
                            <p className="template-sections" aria-label={t('gallery.sections')}>
                              {tpl.sections.map((s) => localize(s, i18n.language)).join(' · ')}
                            </p>
                            <button
                              type="button"
                              className="button button-primary"
                              disabled={creating !== null}
                              aria-label={`${t('gallery.use')}: ${localize(tpl.label, i18n.language)}`}
                              onClick={() => void use(tpl.id)}
                            >
                              {creating === tpl.id ? t('gallery.using') : t('gallery.use')}
                            </button>
                          </li>
                        ))}
                      </ul>
                    </section>
                  );
                })}
              {problems.length > 0 && (
                <section className="gallery-problems" aria-labelledby="template-problems">
                  <h2 id="template-problems">{t('gallery.problemsTitle')}</h2>
                  <ul>
                    {problems.map((p) => (
                      <li key={p.file}>
                        <code>{p.file}</code>: {p.message}
                      </li>
                    ))}
                  </ul>
                </section>
              )}
            </>
          )
        }
      </QueryView>
    </SectionPage>
  );
}
