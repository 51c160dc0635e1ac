import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryState } from '../lib/use-api-query';
import { AlertIcon } from './icons';

/** Renders a query's three states the same way in every section. */
export function QueryView<T>(props: {
  query: QueryState<T> & { reload: () => void };
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation();
  const { query } = props;
  switch (query.status) {
    case 'loading':
      return (
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      );
    case 'error':
      return (
        <div className="load-failed">
          <AlertIcon />
          <p>{t('common.loadFailed')}</p>
          <button type="button" className="button" onClick={query.reload}>
            {t('common.retry')}
          </button>
        </div>
      );
    case 'ready':
      return <>{props.children(query.data)}</>;
  }
}
