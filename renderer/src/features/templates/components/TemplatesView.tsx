import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/EmptyState';
import { TemplateIcon } from '../../../ui/icons';
import { QueryView } from '../../../ui/QueryView';
import { SectionPage } from '../../../ui/SectionPage';
import { useTemplates } from '../hooks/use-templates';

export function TemplatesView() {
  const { t } = useTranslation();
  const templates = useTemplates();
  return (
    <SectionPage title={t('nav.templates')} description={t('templates.description')}>
      <QueryView query={templates}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState icon={<TemplateIcon width={28} height={28} />} title={t('templates.emptyTitle')}>
              <p>{t('templates.emptyBody')}</p>
            </EmptyState>
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('templates.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('templates.columns.name')}</th>
                  <th scope="col">{t('templates.columns.industry')}</th>
                  <th scope="col">{t('templates.columns.version')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((template) => (
                  <tr key={template.id}>
                    <td className="cell-strong">{template.name}</td>
                    <td>{t(`industry.${template.industry}`)}</td>
                    <td className="cell-mono">v{template.version}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </SectionPage>
  );
}
