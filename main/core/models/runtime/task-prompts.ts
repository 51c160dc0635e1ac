/**
 * Summarization and translation as instructions to a chat model. transformers.js v4 runs its
 * `summarization`/`translation` pipelines only on encoder-decoder exports (BART, T5, Marian); an
 * instruct model (Qwen2.5-Instruct, Llama 3.2 Instruct) does both well and is one pack, not three.
 */
import type { ChatMessage } from '../worker/worker-protocol';

/** Messages asking for a faithful summary of `text`. */
export function summarizationMessages(
  text: string,
  options: { style?: 'paragraph' | 'bullets' } = {},
): ChatMessage[] {
  const shape = options.style === 'bullets' ? 'as a few short bullet points' : 'in a few sentences';
  return [
    {
      role: 'system',
      content:
        'You summarise documents for professionals. Use only facts stated in the text, keep numbers, ' +
        'units, names and dates exactly, and answer in the language of the text.',
    },
    { role: 'user', content: `Summarise the following text ${shape}.\n\n${text}` },
  ];
}

/** Messages asking for a translation of `text` into `targetLanguage` (a name or BCP 47 tag). */
export function translationMessages(
  text: string,
  options: { targetLanguage: string; sourceLanguage?: string },
): ChatMessage[] {
  const from = options.sourceLanguage ? ` from ${options.sourceLanguage}` : '';
  return [
    {
      role: 'system',
      content:
        'You are a professional translator. Translate faithfully, keep names, numbers, units and ' +
        'formatting, and output only the translation.',
    },
    {
      role: 'user',
      content: `Translate the following text${from} into ${options.targetLanguage}.\n\n${text}`,
    },
  ];
}
