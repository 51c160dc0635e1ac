#!/usr/bin/env node
// The `starring` command for IT and compliance officers: the same core services as the app, no UI.
// From a source checkout it runs the TypeScript directly through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/starring.ts');
