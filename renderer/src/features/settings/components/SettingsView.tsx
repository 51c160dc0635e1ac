import { useTranslation } from 'react-i18next';
import { SectionPage } from '../../../ui/SectionPage';
import { ManagedSettingsPanel } from '../../policy/components/ManagedSettingsPanel';
import { OrganisationServerPanel } from '../../sync/components/OrganisationServerPanel';
import { VaultSecurityPanel } from '../../vault/components/VaultSecurityPanel';
import { AboutPanel } from './AboutPanel';
import { LanguageSetting } from './LanguageSetting';
import { SelfTestPanel } from './SelfTestPanel';

export function SettingsView() {
  const { t } = useTranslation();
  return (
    <SectionPage title={t('nav.settings')} description={t('settings.description')}>
      <div className="panels">
        <LanguageSetting />
        <VaultSecurityPanel />
        <OrganisationServerPanel />
        <ManagedSettingsPanel />
        <AboutPanel />
        <SelfTestPanel />
      </div>
    </SectionPage>
  );
}
