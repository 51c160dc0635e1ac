import { describe, expect, it } from 'vitest';
import { chooseRoute, type RouteInput } from './route-chooser';

const base: RouteInput = {
  classification: 'internal',
  task: 'chat',
  policy: { allowOnPrem: true, deidentifyBeforeOnPrem: true },
  local: [
    { modelId: 'qwen-local', tasks: ['chat', 'text-generation'] },
    { modelId: 'minilm', tasks: ['feature-extraction'] },
  ],
  onprem: { available: true, chatModel: 'llama-70b', embeddingModel: 'bge-large' },
  builtinTasks: ['summarize'],
  deidentifierAvailable: true,
};

describe('chooseRoute', () => {
  it.each([
    [
      'public goes on-prem by default',
      { classification: 'public' },
      { provider: 'onprem', model: 'llama-70b', deidentify: false },
    ],
    [
      'confidential goes on-prem when policy allows',
      { classification: 'confidential' },
      { provider: 'onprem', deidentify: false },
    ],
    ['prefer local keeps it local', { prefer: 'local' }, { provider: 'local', model: 'qwen-local' }],
    [
      'PHI stays local when a local model can do it',
      { classification: 'phi' },
      { provider: 'local', model: 'qwen-local' },
    ],
    [
      'PHI goes on-prem de-identified when no local model',
      { classification: 'phi', local: [] },
      { provider: 'onprem', deidentify: true },
    ],
    [
      'on-prem down falls back to local',
      { onprem: { available: false, chatModel: 'llama-70b' } },
      { provider: 'local' },
    ],
    [
      'no model at all: built-in summary',
      { task: 'summarize', local: [], onprem: null },
      { provider: 'builtin', model: 'builtin:summarize' },
    ],
    [
      'embeddings use the embedding model',
      { task: 'embed', classification: 'public' },
      { provider: 'onprem', model: 'bge-large' },
    ],
    [
      'PHI embeddings never leave the device',
      { task: 'embed', classification: 'phi' },
      { provider: 'local', model: 'minilm' },
    ],
    [
      'a requested local model is honoured',
      { requestedModel: 'qwen-local' },
      { provider: 'local', model: 'qwen-local' },
    ],
  ] as const)('%s', (_name, change, expected) => {
    const decision = chooseRoute({ ...base, ...(change as Partial<RouteInput>) });
    expect(decision).toMatchObject({ ok: true, ...expected });
  });

  it('denies PHI with the reason in words when policy forbids on-prem for PHI', () => {
    const decision = chooseRoute({
      ...base,
      classification: 'phi',
      local: [],
      builtinTasks: [],
      policy: { allowOnPrem: true, deidentifyBeforeOnPrem: false },
    });
    expect(decision).toEqual({
      ok: false,
      code: 'POLICY_DENIED',
      reason:
        "PHI stays on this device: your organisation's policy does not allow on-prem models for PHI, and no approved local model that can chat is installed.",
    });
  });

  it('denies PHI when de-identification is required but unavailable', () => {
    const decision = chooseRoute({ ...base, classification: 'phi', local: [], deidentifierAvailable: false });
    expect(decision.ok).toBe(false);
    if (!decision.ok) {
      expect(decision.code).toBe('MODEL_UNAVAILABLE');
      expect(decision.reason).toContain('de-identification is not available');
    }
  });

  it('explains when nothing is available for non-PHI work', () => {
    const decision = chooseRoute({
      ...base,
      local: [],
      policy: { allowOnPrem: false, deidentifyBeforeOnPrem: false },
    });
    expect(decision).toMatchObject({ ok: false, code: 'POLICY_DENIED' });
    if (!decision.ok)
      expect(decision.reason).toMatch(/does not allow on-prem models, and no approved local model/);
  });

  it('never de-identifies for local or non-PHI routes', () => {
    for (const classification of ['public', 'internal', 'confidential'] as const) {
      const decision = chooseRoute({ ...base, classification });
      expect(decision.ok && decision.deidentify).toBe(false);
    }
  });

  it('says no model is installed, not "policy", when no on-prem server is configured at all', () => {
    const decision = chooseRoute({
      ...base,
      local: [],
      builtinTasks: [],
      onprem: null,
      policy: { allowOnPrem: false, deidentifyBeforeOnPrem: false },
    });
    expect(decision).toEqual({
      ok: false,
      code: 'MODEL_UNAVAILABLE',
      reason:
        'No model may take this request: no on-prem model server is configured for this, and no approved local model that can chat is installed.',
    });
  });
});
