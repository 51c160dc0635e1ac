import { useTranslation } from 'react-i18next';
import { useStore } from '../../../store';

export function AboutPanel() {
  const { t } = useTranslation();
  const info = useStore((s) => s.info);
  if (!info) return null;
  return (
    <section className="panel" aria-labelledby="about-heading">
      <h2 id="about-heading" className="panel-title">
        {t('settings.about.heading')}
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('settings.about.product')}</dt>
          <dd>{t('app.name')}</dd>
        </div>
        <div>
          <dt>{t('settings.about.version')}</dt>
          <dd className="cell-mono">{info.version}</dd>
        </div>
        <div>
          <dt>{t('settings.about.transport')}</dt>
          <dd>
            {t(`settings.transport.${info.transport}`)}{' '}
            <span className="muted cell-mono">({info.transport})</span>
          </dd>
        </div>
        <div>
          <dt>{t('settings.about.platform')}</dt>
          <dd className="cell-mono">{info.platform}</dd>
        </div>
      </dl>
    </section>
  );
}
