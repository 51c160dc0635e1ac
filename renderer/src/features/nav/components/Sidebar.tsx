import { type ComponentType, type KeyboardEvent, type SVGProps } from 'react';
import { useTranslation } from 'react-i18next';
import { sectionHref, sections, type SectionId } from '../../../app/sections';
import { ariaModifier, modifierLabel } from '../../../lib/format';
import { useStore } from '../../../store';
import {
  AssistantIcon,
  AuditIcon,
  DocumentIcon,
  LockIcon,
  ModelIcon,
  PolicyIcon,
  RingMark,
  SettingsIcon,
  TemplateIcon,
} from '../../../ui/icons';

const icons: Record<SectionId, ComponentType<SVGProps<SVGSVGElement>>> = {
  documents: DocumentIcon,
  templates: TemplateIcon,
  assistant: AssistantIcon,
  audit: AuditIcon,
  models: ModelIcon,
  settings: SettingsIcon,
  policy: PolicyIcon,
};

/** Arrow keys move between the links (wrapping), Home/End jump; Tab still visits each link. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  const links = Array.from(event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[href]'));
  const index = links.findIndex((link) => link === document.activeElement);
  if (index < 0) return;
  const last = links.length - 1;
  const target = {
    ArrowDown: index === last ? 0 : index + 1,
    ArrowUp: index === 0 ? last : index - 1,
    Home: 0,
    End: last,
  }[event.key];
  if (target === undefined) return;
  event.preventDefault();
  links[target]?.focus();
}

export function Sidebar() {
  const { t } = useTranslation();
  const current = useStore((s) => s.section);
  const platform = useStore((s) => s.info?.platform);
  const lockVault = useStore((s) => s.lockVault);

  return (
    <div className="sidebar">
      <div className="brand">
        <RingMark className="brand-mark" />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <nav aria-label={t('nav.label')} className="nav">
        <ul onKeyDown={moveFocus}>
          {sections.map((section, index) => {
            const Icon = icons[section];
            return (
              <li key={section}>
                <a
                  className="nav-link"
                  href={sectionHref(section)}
                  aria-current={section === current ? 'page' : undefined}
                  aria-keyshortcuts={`${ariaModifier(platform)}+${index + 1}`}
                >
                  <Icon className="nav-icon" />
                  <span className="nav-label">{t(`nav.${section}`)}</span>
                  <kbd className="nav-shortcut" aria-hidden="true">
                    {modifierLabel(platform)}
                    {index + 1}
                  </kbd>
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="sidebar-footer">
        <button
          type="button"
          className="lock-button"
          onClick={() => void lockVault()}
          aria-keyshortcuts={`${ariaModifier(platform)}+L`}
        >
          <LockIcon className="nav-icon" />
          <span className="nav-label">{t('vault.lock')}</span>
          <kbd className="nav-shortcut" aria-hidden="true">
            {modifierLabel(platform)}L
          </kbd>
        </button>
      </div>
    </div>
  );
}
