/** The vault: encrypted local store engine (plain Node; no electron import). */
export {
  createVaultService,
  type VaultService,
  type VaultServiceOptions,
  type CreateVaultInput,
  type UnlockInput,
  type VaultStats,
  type HeadCommitment,
} from './vault.service';
export { recoverVault, type RecoverVaultOptions } from './recover-vault';
export { createIdleLock, DEFAULT_IDLE_LOCK_MINUTES, type IdleLock, type IdleLockOptions } from './idle-lock';
export { VaultError, type VaultErrorCode } from './vault-errors';
export type { KeyProvider } from './key-provider';
export type { Clock } from './clock';
export { systemClock } from './clock';
export type { FileSystem, VaultFileHandle } from './file-system';
export { createFileSystem } from './file-system';
export type {
  DocumentRepo,
  DocumentRecord,
  DocumentSummary,
  VersionInfo,
  ListQuery,
  SaveDocumentInput,
  Classification,
} from './document.repo';
export type { SettingsRepo, JsonValue } from './settings.repo';
export type {
  SearchIndexRepo,
  SearchFilters,
  FtsHit,
  PendingVector,
  StoredVector,
} from './search-index.repo';
export type { SyncQueueRepo, SyncQueueItem } from './sync-queue.repo';
export type { AddUnlockMethodInput, UnlockMethodInfo } from './key-admin';
export type { IntegrityFailure, ProgressCallback } from './reencrypt-job';
export type { ShredResult } from './shred';
export { DEFAULT_SCRYPT, type ScryptParams } from './unlock-methods';
