/**
 * `assistant.chat`: routes by classification and policy, then runs on the local pack, the on-prem
 * server (de-identified first when PHI) or a built-in, translating every runtime event into the
 * contract's events. Returns the audit detail for the router-level audit.
 */
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { AssistantChatEvent, AssistantChatRequest } from '../../../../common/contract/models.contract';
import { AppError } from '../../../../common/errors';
import { createReidentifier, type DeidentifyMap } from '../routing/reidentifier';
import {
  chooseRoute,
  type AssistantTask,
  type Classification,
  type RouteInput,
} from '../routing/route-chooser';
import { promptHash, type InferenceAudit } from '../runtime/inference-audit';
import type { LocalRuntime, RuntimeEvent } from '../runtime/local-runtime';
import { summarizationMessages, translationMessages } from '../runtime/task-prompts';
import type { ChatMessage } from '../worker/worker-protocol';
import type { PackCatalog } from './pack-catalog';
import type { ModelsServiceOptions } from './service-deps';

export type ChatRequest = z.output<typeof AssistantChatRequest>;

/** What the handler hands to the audit sink after a call. */
export interface InferenceRecord {
  audit: InferenceAudit;
  documentId?: string;
  classification: Classification;
  deidentified: boolean;
}

/** Local packs that may serve: readable, approved, not known to be damaged. */
export async function usableLocalPacks(catalog: PackCatalog): Promise<RouteInput['local']> {
  return (await catalog.all())
    .filter((pack) => pack.manifest && catalog.allowed(pack) && catalog.status(pack).integrity !== 'failed')
    .map((pack) => ({ modelId: pack.manifest!.id, tasks: pack.manifest!.tasks }));
}

/** Runtime events → contract events (only the ones the user interface shows). */
export function toChatEvent(event: RuntimeEvent): AssistantChatEvent | undefined {
  switch (event.type) {
    case 'queued':
      return { type: 'progress', stage: 'queued', done: 0, total: event.ahead };
    case 'verify-progress':
      return { type: 'progress', stage: 'verifying', done: event.done, total: event.total };
    case 'load-progress':
      return { type: 'progress', stage: 'loading', done: event.loaded, total: event.total };
    case 'token':
      return { type: 'token', text: event.text, generated: event.generated };
    case 'notice':
      return { type: 'notice', code: event.code, message: event.message };
    case 'loaded':
    case 'vectors':
      return undefined;
  }
}

/** The text a summarize/translate request is about: what the user sent. */
const userText = (request: ChatRequest): string =>
  request.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n\n');

function taskMessages(request: ChatRequest): ChatMessage[] {
  if (request.task === 'chat') return request.messages;
  const text = userText(request);
  return request.task === 'summarize'
    ? summarizationMessages(text)
    : translationMessages(text, { targetLanguage: request.targetLanguage ?? 'English' });
}

/** De-identifies a whole conversation in one call, so placeholders are consistent across messages. */
function deidentifyMessages(
  messages: ChatMessage[],
  deidentify: NonNullable<ModelsServiceOptions['deidentify']>,
): { messages: ChatMessage[]; map: DeidentifyMap } {
  const separator = '\n\u241E\n';
  const { text, map } = deidentify(messages.map((m) => m.content).join(separator));
  const parts = text.split(separator);
  if (parts.length !== messages.length) {
    throw new AppError(
      'INTERNAL',
      'De-identification changed the structure of the conversation; nothing was sent.',
    );
  }
  return { messages: messages.map((m, i) => ({ ...m, content: parts[i]! })), map };
}

/** Runs one `assistant.chat` request; see the file comment. */
export async function runAssistantChat(
  deps: { options: ModelsServiceOptions; catalog: PackCatalog; runtime: LocalRuntime },
  request: ChatRequest,
  emit: (event: AssistantChatEvent) => void,
  signal: AbortSignal,
): Promise<InferenceRecord> {
  const { options, catalog, runtime } = deps;
  const classification: Classification = request.classification ?? 'phi';
  const task: AssistantTask = request.task;
  const onprem = options.onprem;
  const decision = chooseRoute({
    classification,
    task,
    policy: options.policy(),
    local: await usableLocalPacks(catalog),
    onprem: onprem
      ? {
          available: onprem.provider.health().state !== 'open',
          ...(onprem.chatModel ? { chatModel: onprem.chatModel } : {}),
        }
      : null,
    builtinTasks: options.builtins?.summarize ? ['summarize'] : [],
    deidentifierAvailable: Boolean(options.deidentify),
    ...(onprem?.prefer ? { prefer: onprem.prefer } : {}),
    ...(request.modelId ? { requestedModel: request.modelId } : {}),
  });
  if (!decision.ok) throw new AppError(decision.code, decision.reason, { details: { reason: 'route' } });
  emit({
    type: 'route',
    provider: decision.provider,
    modelId: decision.model,
    deidentified: decision.deidentify,
  });

  const messages = taskMessages(request);
  const base = { classification, ...(request.documentId ? { documentId: request.documentId } : {}) };

  if (decision.provider === 'local') {
    const pack = await catalog.get(decision.model);
    const result = await runtime.chat(
      pack.dir,
      { messages, maxNewTokens: request.maxTokens, temperature: request.temperature },
      {
        signal,
        priority: 'interactive',
        onEvent: (event) => {
          const mapped = toChatEvent(event);
          if (mapped) emit(mapped);
        },
      },
    );
    catalog.noteUse(decision.model, result.tokensPerSecond);
    emit({
      type: 'done',
      provider: 'local',
      modelId: decision.model,
      usage: { tokensIn: result.audit.tokensIn, tokensOut: result.audit.tokensOut },
      latencyMs: result.audit.latencyMs,
      truncated: result.truncated,
      finish: result.finish === 'length' ? 'length' : 'stop',
    });
    return { ...base, audit: result.audit, deidentified: false };
  }

  if (decision.provider === 'onprem') {
    const prepared = decision.deidentify
      ? deidentifyMessages(messages, options.deidentify!)
      : { messages, map: new Map<string, string>() };
    const restore = createReidentifier(prepared.map);
    const result = await onprem!.provider.chat(
      {
        model: decision.model,
        messages: prepared.messages,
        maxTokens: request.maxTokens,
        temperature: request.temperature,
      },
      {
        signal,
        onToken: (text) => {
          const shown = restore.push(text);
          if (shown) emit({ type: 'token', text: shown });
        },
      },
    );
    const rest = restore.flush();
    if (rest) emit({ type: 'token', text: rest });
    catalog.noteUse(decision.model);
    emit({
      type: 'done',
      provider: 'onprem',
      modelId: decision.model,
      usage: { tokensIn: result.audit.tokensIn, tokensOut: result.audit.tokensOut },
      latencyMs: result.audit.latencyMs,
      truncated: false,
      finish: result.finish === 'length' ? 'length' : 'stop',
    });
    return { ...base, audit: result.audit, deidentified: decision.deidentify };
  }

  // Built-in: deterministic, instant, labelled as such by `provider: 'builtin'`.
  const started = performance.now();
  const text = options.builtins!.summarize!(userText(request));
  emit({ type: 'token', text });
  const audit: InferenceAudit = {
    modelId: decision.model,
    packHash: createHash('sha256').update(decision.model).digest('hex'),
    provider: 'builtin',
    tokensIn: 0,
    tokensOut: 0,
    latencyMs: Math.round(performance.now() - started),
    promptHash: promptHash(request.messages),
  };
  emit({
    type: 'done',
    provider: 'builtin',
    modelId: decision.model,
    usage: { tokensIn: 0, tokensOut: 0 },
    latencyMs: audit.latencyMs,
    truncated: false,
    finish: 'stop',
  });
  return { ...base, audit, deidentified: false };
}
