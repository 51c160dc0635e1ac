import { useWatchStatus } from '../features/status-bar/hooks/use-watch-status';
import { VaultGate } from '../features/vault/components/VaultGate';
import { useStore } from '../store';
import { AppFrame } from './AppFrame';
import { BootFailure, BootScreen } from './BootScreen';

export function App() {
  const boot = useStore((s) => s.boot);
  switch (boot.state) {
    case 'loading':
      return <BootScreen />;
    case 'failed':
      return <BootFailure error={boot.error} />;
    case 'ready':
      return <Workspace />;
  }
}

/**
 * The app frame only while the vault is open; the gate (setup, unlock) otherwise. The status
 * stream is held here, above both, so it is one subscription for the whole session and an idle
 * lock reported on it reaches the store whichever is shown.
 */
function Workspace() {
  useWatchStatus();
  const unlocked = useStore((s) => s.vault.phase === 'ready' && s.vault.state.state === 'unlocked');
  return unlocked ? <AppFrame /> : <VaultGate />;
}
