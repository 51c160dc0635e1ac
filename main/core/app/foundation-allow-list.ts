import type { ContractKey } from '../../../common/contract';

/**
 * Until the policy engine arrives, this named list is the authorize stage: a single local user may
 * call these channels. A channel added to the contract but not here is denied.
 */
export const FOUNDATION_ALLOW_LIST = 'foundation-allow-list';

export const foundationAllowedChannels: readonly ContractKey[] = [
  'app.info',
  'app.status',
  'app.watchStatus',
  'settings.setLocale',
  'diagnostics.selfTest',
  'documents.list',
  'templates.list',
  'models.list',
  'audit.recent',
  'vault.state',
  'vault.passphraseStrength',
  'vault.create',
  'vault.unlock',
  'vault.lock',
  'vault.changePassphrase',
  'vault.addKeystore',
  'vault.removeMethod',
  'vault.rotateKeys',
  'vault.stats',
  'vault.touch',
  'vault.reencrypt',
  'audit.query',
  'audit.verifyChain',
  'audit.exportBundle',
];
