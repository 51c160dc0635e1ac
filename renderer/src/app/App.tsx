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
      return <AppFrame />;
  }
}
