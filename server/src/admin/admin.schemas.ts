/** Bodies and replies of the admin API (its own, not part of the device contract). */
import { z } from 'zod';
import { DeviceId } from '../../../common/audit/entry.schema';
import { TenantSlug } from '../../../common/sync/server-api';

/** Admin bodies are small; a tight limit keeps a stray upload off the event loop. */
export const ADMIN_BODY_LIMIT = 64 * 1024;

export const TenantParams = z.strictObject({ tenant: TenantSlug });
export const DeviceParams = z.strictObject({ tenant: TenantSlug, device: DeviceId });

export const CreateTenantRequest = z.strictObject({
  id: TenantSlug,
  name: z.string().min(1).max(200),
  oidcIssuer: z.url().max(500).optional(),
  oidcClientId: z.string().min(1).max(200).optional(),
});
export const CreateTenantReply = z.strictObject({
  id: TenantSlug,
  name: z.string(),
  caCertificatePem: z.string(),
  /** The tenant's first admin API token, shown this once. */
  adminToken: z.string(),
});

export const Tenant = z.strictObject({
  id: TenantSlug,
  name: z.string(),
  oidcIssuer: z.string().nullable(),
  createdAt: z.string(),
});
export const TenantList = z.strictObject({ tenants: z.array(Tenant) });

export const Role = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a role is lowercase letters, digits, - or _');
export const CreateUserRequest = z.strictObject({
  email: z.email().max(320),
  name: z.string().min(1).max(200),
  roles: z.array(Role).max(32).default([]),
  department: z.string().max(200).optional(),
});
export const User = z.strictObject({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  roles: z.array(z.string()),
  department: z.string().nullable(),
  createdAt: z.string(),
});
export const UserList = z.strictObject({ users: z.array(User) });

export const CreateEnrollmentCodeRequest = z.strictObject({
  label: z.string().max(200).optional(),
  /** How long the code stays valid; default 72 hours, at most 30 days. */
  ttlHours: z.number().int().min(1).max(720).default(72),
});
export const EnrollmentCodeReply = z.strictObject({
  /** Shown this once; the server keeps only its SHA-256. */
  code: z.string(),
  expiresAt: z.string(),
});

export const Device = z.strictObject({
  id: DeviceId,
  name: z.string(),
  platform: z.string(),
  appVersion: z.string(),
  certSerial: z.string(),
  enrolledAt: z.string(),
  lastSeenAt: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const DeviceList = z.strictObject({ devices: z.array(Device) });

export const CreateAdminTokenRequest = z.strictObject({ label: z.string().min(1).max(200) });
export const AdminTokenReply = z.strictObject({ token: z.string() });
