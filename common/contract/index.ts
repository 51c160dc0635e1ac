/**
 * THE contract: every channel and stream between the renderer and the main process, declared
 * once with runtime schemas. The renderer's client, the preload bridge and the main-side router
 * all derive their types from `contract`; nothing is declared twice.
 */
import type { z } from 'zod';
import type { AppErrorData, Result } from '../errors';
import { appContract } from './app.contract';
import { auditContract } from './audit.contract';
import { documentsContract } from './documents.contract';
import { modelsContract } from './models.contract';
import { policyContract } from './policy.contract';
import { searchContract } from './search.contract';
import { exportContract } from './export.contract';
import { syncContract } from './sync.contract';
import type { ChannelSpec, StreamSpec } from './define';
import { vaultContract } from './vault.contract';
import { workspaceContract } from './workspace.contract';

export const contract = {
  ...appContract,
  ...workspaceContract,
  ...documentsContract,
  ...vaultContract,
  ...auditContract,
  ...modelsContract,
  ...policyContract,
  ...searchContract,
  ...exportContract,
  ...syncContract,
};

export type Contract = typeof contract;
export type ContractKey = keyof Contract;

/* eslint-disable @typescript-eslint/no-explicit-any -- type-level pattern matching only */
export type ChannelName = {
  [K in ContractKey]: Contract[K] extends ChannelSpec<any, any> ? K : never;
}[ContractKey];
export type StreamName = {
  [K in ContractKey]: Contract[K] extends StreamSpec<any, any> ? K : never;
}[ContractKey];
/* eslint-enable @typescript-eslint/no-explicit-any */

/** What a caller sends (fields with defaults may be left out). */
export type RequestOf<K extends ContractKey> = z.input<Contract[K]['request']>;
/** What a handler receives after validation (defaults filled in). */
export type ParsedRequestOf<K extends ContractKey> = z.output<Contract[K]['request']>;
export type ReplyOf<K extends ChannelName> = z.output<Contract[K]['reply']>;
export type EventOf<K extends StreamName> = z.output<Contract[K]['event']>;

export type StreamMessage<E> =
  { type: 'event'; event: E } | { type: 'end' } | { type: 'error'; error: AppErrorData };

/**
 * `window.starring`: the only API the renderer has. The Electron preload implements it over IPC,
 * the browser harness over a loopback WebSocket; both are typed by this interface.
 */
export interface StarringBridge {
  invoke<K extends ChannelName>(channel: K, request: RequestOf<K>): Promise<Result<ReplyOf<K>>>;
  subscribe<K extends StreamName>(
    stream: K,
    request: RequestOf<K>,
    listener: (message: StreamMessage<EventOf<K>>) => void,
  ): Promise<Result<{ id: string }>>;
  cancel(id: string): Promise<void>;
}

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(contract, name) && contract[name as ContractKey].kind === 'channel';
}

export function isStreamName(name: string): name is StreamName {
  return Object.hasOwn(contract, name) && contract[name as ContractKey].kind === 'stream';
}

export * from './app.contract';
export * from './workspace.contract';
export * from './documents.contract';
export * from './vault.contract';
export * from './audit.contract';
export * from './models.contract';
export * from './policy.contract';
export * from './search.contract';
export * from './export.contract';
export * from './sync.contract';
export type { ChannelSpec, StreamSpec } from './define';
