import { describe, expect, it } from 'vitest';
import { parseRegQueryOutput, UnsupportedRegistryValue } from './windows-registry.reader';

// The layout of `reg query KEY` on Windows 10/11 (CRLF, a blank line, the full key name, four-space
// separated columns, DWORDs in hex, MULTI_SZ joined by a literal \0), as in published captures.
const output = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\StarRing\\Workspace',
  '    ServerUrl    REG_SZ    https://starring.example-hospital.org',
  '    UpdatesDisabled    REG_DWORD    0x1',
  '    IdleLockMinutes    REG_DWORD    0xa',
  '    ModelDirectory    REG_EXPAND_SZ    %ProgramData%\\StarRing\\Models',
  '    PolicyPublicKey    REG_MULTI_SZ    -----BEGIN PUBLIC KEY-----\\0MCowBQYDK2VwAyEA\\0-----END PUBLIC KEY-----',
  '    TenantId    REG_SZ    ',
  '    Blob    REG_BINARY    0030000000200000',
  '    Big    REG_QWORD    0x100000000',
  '    (Default)    REG_SZ    ',
  '',
].join('\r\n');

describe('reg query output', () => {
  it('reads each value with its registry type', () => {
    const entries = parseRegQueryOutput(output, { ProgramData: 'C:\\ProgramData' });
    expect(entries).toEqual({
      ServerUrl: 'https://starring.example-hospital.org',
      UpdatesDisabled: 1,
      IdleLockMinutes: 10,
      ModelDirectory: 'C:\\ProgramData\\StarRing\\Models',
      PolicyPublicKey: ['-----BEGIN PUBLIC KEY-----', 'MCowBQYDK2VwAyEA', '-----END PUBLIC KEY-----'],
      TenantId: '',
      Blob: new UnsupportedRegistryValue('REG_BINARY'),
      Big: 4294967296,
    });
  });

  it('expands environment names case-insensitively and leaves unknown ones as written', () => {
    const entries = parseRegQueryOutput('    ModelDirectory    REG_EXPAND_SZ    %programdata%\\%NOPE%', {
      PROGRAMDATA: 'D:\\Data',
    });
    expect(entries.ModelDirectory).toBe('D:\\Data\\%NOPE%');
  });

  it('finds nothing in an error or an empty key', () => {
    expect(
      parseRegQueryOutput('ERROR: The system was unable to find the specified registry key or value.'),
    ).toEqual({});
    expect(
      parseRegQueryOutput('\r\nHKEY_CURRENT_USER\\SOFTWARE\\Policies\\StarRing\\Workspace\r\n\r\n'),
    ).toEqual({});
  });
});
