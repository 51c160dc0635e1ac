/**
 * THE managed-configuration schema: every setting IT can push, declared once. The readers (registry,
 * managed preferences, /etc JSON), the validation, effective settings, and the generated ADMX/ADML,
 * .mobileconfig and sample managed.json all derive from this list — a test fails when the committed
 * templates drift from it.
 */

export type ManagedValue = string | number | boolean;

/** A string in each UI language (the ADMLs and the Settings view use both). */
export interface Text {
  en: string;
  'zh-CN': string;
}

interface Base<K extends string> {
  key: K;
  /** Short title (Group Policy editor's policy name). */
  title: Text;
  description: Text;
  /**
   * 'machine': honoured only at machine scope (HKLM, the machine-wide plist, /etc) — trust roots and
   * update control must not be set per user. 'any': machine or user scope; machine wins.
   */
  scope: 'machine' | 'any';
  /** A user may also choose this in Settings (then managed values lock it). */
  userSettable: boolean;
  /** Put in the sample managed.json and .mobileconfig; undefined keeps it out (PEMs: see README). */
  example?: ManagedValue;
}

/** One managed setting: its type (and bounds), scope, defaults, texts and sample value. */
export type ManagedSettingDef =
  | (Base<string> & { type: 'string'; pattern?: RegExp; maxLength: number; default: string | null })
  | (Base<string> & { type: 'https-url'; default: string | null })
  | (Base<string> & { type: 'path'; default: string | null })
  | (Base<string> & { type: 'pem'; pem: 'certificate' | 'public-key' | 'ed25519-public-key'; default: null })
  | (Base<string> & { type: 'boolean'; default: boolean })
  | (Base<string> & { type: 'integer'; min: number; max: number; default: number | null })
  | (Base<string> & {
      type: 'enum';
      options: readonly string[];
      /** Names shown in the Group Policy drop-down, per option. */
      optionTitles: Readonly<Record<string, Text>>;
      default: string | null;
    });

/** Where Windows Group Policy writes (under HKLM and HKCU). */
export const REGISTRY_KEY = 'SOFTWARE\\Policies\\StarRing\\Workspace';
/** macOS preference domain (the app's bundle id). */
export const PREFERENCE_DOMAIN = 'com.starring.workspace';
export const LINUX_MANAGED_FILE = '/etc/starring/managed.json';

/** Every managed setting, in the order the templates list them. */
export const managedSettings = [
  {
    key: 'ServerUrl',
    type: 'https-url',
    scope: 'any',
    userSettable: true,
    default: null,
    example: 'https://starring.example-hospital.org',
    title: { en: 'Enterprise server URL', 'zh-CN': '企业服务器地址' },
    description: {
      en: 'The on-premises StarRing server this device syncs policy and audit logs with. Must be an https:// URL.',
      'zh-CN': '本设备同步策略和审计日志所用的本地部署 StarRing 服务器。必须是 https:// 地址。',
    },
  },
  {
    key: 'TenantId',
    type: 'string',
    scope: 'any',
    userSettable: false,
    pattern: /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    maxLength: 128,
    default: null,
    example: 'example-hospital',
    title: { en: 'Tenant ID', 'zh-CN': '租户 ID' },
    description: {
      en: 'Your organisation on the server. Policy bundles for any other tenant are refused.',
      'zh-CN': '您的组织在服务器上的标识。其他租户的策略包将被拒绝。',
    },
  },
  {
    key: 'ServerCaCertificate',
    type: 'pem',
    pem: 'certificate',
    scope: 'machine',
    userSettable: false,
    default: null,
    title: { en: 'Server CA certificate', 'zh-CN': '服务器 CA 证书' },
    description: {
      en: "PEM certificate(s) of the CA that issued the server's TLS certificate, when it is not in the system store.",
      'zh-CN': '签发服务器 TLS 证书的 CA 证书（PEM 格式），在其不在系统证书库中时使用。',
    },
  },
  {
    key: 'PolicyPublicKey',
    type: 'pem',
    pem: 'ed25519-public-key',
    scope: 'machine',
    userSettable: false,
    default: null,
    title: { en: 'Policy signing public key', 'zh-CN': '策略签名公钥' },
    description: {
      en: 'Ed25519 public key (PEM) of your tenant policy key. Only bundles it signed are enforced.',
      'zh-CN': '租户策略密钥的 Ed25519 公钥（PEM 格式）。只执行由其签名的策略包。',
    },
  },
  {
    key: 'ModelDirectory',
    type: 'path',
    scope: 'any',
    userSettable: false,
    default: null,
    example: '/opt/starring/models',
    title: { en: 'Model pack directory', 'zh-CN': '模型包目录' },
    description: {
      en: 'A folder of model packs IT deploys. Each pack is still checked against the policy allowlist.',
      'zh-CN': 'IT 部署的模型包所在文件夹。每个模型包仍需通过策略白名单校验。',
    },
  },
  {
    key: 'TemplateDirectory',
    type: 'path',
    scope: 'any',
    userSettable: false,
    default: null,
    example: '/opt/starring/templates',
    title: { en: 'Document template directory', 'zh-CN': '文档模板目录' },
    description: {
      en: 'A folder of document templates (JSON, one per file, optionally in industry sub-folders) IT deploys beside the built-in ones. A malformed template is refused and named in the Templates view.',
      'zh-CN':
        'IT 部署的文档模板文件夹（每个文件一个 JSON 模板，可按行业分子文件夹），与内置模板一起提供。格式错误的模板会被拒绝，并在“模板”视图中列出。',
    },
  },
  {
    key: 'UpdateUrl',
    type: 'https-url',
    scope: 'machine',
    userSettable: false,
    default: null,
    example: 'https://starring.example-hospital.org/updates',
    title: { en: 'Update server URL', 'zh-CN': '更新服务器地址' },
    description: {
      en: 'Where per-user installs look for updates. Must be an https:// URL.',
      'zh-CN': '按用户安装的版本检查更新的地址。必须是 https:// 地址。',
    },
  },
  {
    key: 'UpdatesDisabled',
    type: 'boolean',
    scope: 'machine',
    userSettable: false,
    default: false,
    example: true,
    title: { en: 'Disable automatic updates', 'zh-CN': '禁用自动更新' },
    description: {
      en: "Turn the app's own updater off (for MSI/PKG installs that IT updates).",
      'zh-CN': '关闭应用自带的更新程序（适用于由 IT 更新的 MSI/PKG 安装）。',
    },
  },
  {
    key: 'IdleLockMinutes',
    type: 'integer',
    scope: 'any',
    userSettable: true,
    min: 1,
    max: 1_440,
    default: 15,
    example: 10,
    title: { en: 'Lock after idle minutes', 'zh-CN': '空闲锁定时间（分钟）' },
    description: {
      en: 'Minutes without activity before the vault locks (1–1440).',
      'zh-CN': '无操作多少分钟后锁定保险库（1–1440）。',
    },
  },
  {
    key: 'RequirePassphrase',
    type: 'boolean',
    scope: 'any',
    userSettable: false,
    default: false,
    example: true,
    title: { en: 'Require a vault passphrase', 'zh-CN': '要求保险库口令' },
    description: {
      en: 'Users must set a passphrase even when the OS keystore could unlock the vault.',
      'zh-CN': '即使操作系统密钥库可以解锁保险库，用户也必须设置口令。',
    },
  },
  {
    key: 'RecoveryPublicKey',
    type: 'pem',
    pem: 'public-key',
    scope: 'machine',
    userSettable: false,
    default: null,
    title: { en: 'Recovery public key', 'zh-CN': '恢复公钥' },
    description: {
      en: "Your organisation's recovery public key (PEM): vault keys are also wrapped to it so IT can recover data.",
      'zh-CN': '组织的恢复公钥（PEM 格式）：保险库密钥同时用其加密，以便 IT 恢复数据。',
    },
  },
  {
    key: 'Locale',
    type: 'enum',
    options: ['en', 'zh-CN'],
    optionTitles: {
      en: { en: 'English', 'zh-CN': '英语' },
      'zh-CN': { en: 'Simplified Chinese', 'zh-CN': '简体中文' },
    },
    scope: 'any',
    userSettable: true,
    default: null,
    example: 'zh-CN',
    title: { en: 'Interface language', 'zh-CN': '界面语言' },
    description: {
      en: 'Fixes the interface language (en or zh-CN); users can no longer change it.',
      'zh-CN': '固定界面语言（en 或 zh-CN）；用户将无法更改。',
    },
  },
] as const satisfies readonly ManagedSettingDef[];

export type ManagedKey = (typeof managedSettings)[number]['key'];

const byLowerKey = new Map<string, ManagedSettingDef>(managedSettings.map((d) => [d.key.toLowerCase(), d]));

/** The definition for a key, matched case-insensitively (registry value names are case-insensitive). */
export function managedSettingDef(key: string): ManagedSettingDef | undefined {
  return byLowerKey.get(key.toLowerCase());
}
