import type { ChannelHandlers, StreamHandlers } from '../router/handlers';
import type { VaultSession } from './vault-session.service';
import { ratePassphrase } from './passphrase-strength';

type VaultChannel = Extract<keyof ChannelHandlers, `vault.${string}`>;

/** The vault's channels: thin translations from the contract to the session. */
export function vaultChannelHandlers(session: VaultSession): Pick<ChannelHandlers, VaultChannel> {
  return {
    'vault.state': () => session.state(),
    'vault.passphraseStrength': ({ passphrase }) => ratePassphrase(passphrase),
    'vault.create': (request) => session.create(request),
    'vault.unlock': (request) => session.unlock(request),
    'vault.lock': () => session.lock(),
    'vault.changePassphrase': (request) => session.changePassphrase(request),
    'vault.addKeystore': () => session.addKeystore(),
    'vault.removeMethod': ({ id }) => session.removeMethod(id),
    'vault.rotateKeys': () => session.rotateKeys(),
    'vault.stats': () => session.stats(),
    'vault.touch': () => session.touch(),
  };
}

export function vaultStreamHandlers(session: VaultSession): Pick<StreamHandlers, 'vault.reencrypt'> {
  return {
    'vault.reencrypt': (_request, _context, emit, signal) => session.reencrypt(emit, signal),
  };
}
