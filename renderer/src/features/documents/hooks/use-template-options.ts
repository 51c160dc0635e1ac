import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TemplateListItem } from '../../../../../common/contract';
import { localize } from '../../../../../common/documents';
import { api } from '../../../api';
import type { TemplateOption } from '../../search/components/SearchFilters';

/**
 * The templates the template filter offers, named in the UI's language and sorted by that name.
 * Empty until `templates.list` answers. A refusal or failure leaves it empty on purpose (the filter
 * stays hidden): the list itself reports what went wrong, and a second banner for an optional
 * filter (a policy that denies both, say) would only repeat it.
 */
export function useTemplateOptions(): TemplateOption[] {
  const { i18n } = useTranslation();
  const [items, setItems] = useState<TemplateListItem[]>([]);
  useEffect(() => {
    let live = true;
    api.templates.list({}).then(
      (reply) => {
        if (live) setItems(reply.items);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const collator = new Intl.Collator(language);
    return items
      .map((tpl) => ({ id: tpl.id, name: localize(tpl.label, language) }))
      .sort((a, b) => collator.compare(a.name, b.name));
  }, [items, language]);
}
