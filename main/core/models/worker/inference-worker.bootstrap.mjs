// Source checkouts (tests, `npm run dev:browser`, the CLI): a worker thread cannot load TypeScript
// by itself, so this registers tsx in the worker and imports the TypeScript entry. Packaged builds
// compile inference.worker.ts to JavaScript and point the host at that file instead.
import { register } from 'tsx/esm/api';

register();
await import('./inference.worker.ts');
