/**
 * tokenizer.json / tokenizer_config.json for the tiny packs, in the Hugging Face `tokenizers`
 * format that transformers.js v4 reads: a WordPiece (BERT) tokenizer and a byte-level BPE (GPT-2)
 * tokenizer with a ChatML-style chat template, so chat requests go through the real
 * `apply_chat_template` path exactly as they do for Qwen or Llama packs.
 */

/** BERT special tokens, in id order (ids 0..4). */
export const BERT_SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');
const DIGITS = '0123456789'.split('');
const PUNCTUATION = ".,!?'-:;()/".split('');
const WORDS = [
  'the',
  'patient',
  'pump',
  'valve',
  'hello',
  'world',
  'test',
  'note',
  'report',
  'dose',
  'check',
];

/** The WordPiece vocabulary: specials, single characters, `##` continuations, a few whole words. */
export function bertVocab(): string[] {
  return [
    ...BERT_SPECIALS,
    ...LETTERS,
    ...DIGITS,
    ...PUNCTUATION,
    ...LETTERS.map((c) => `##${c}`),
    ...DIGITS.map((c) => `##${c}`),
    ...WORDS,
  ];
}

function addedToken(id: number, content: string): Record<string, unknown> {
  return { id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
}

/** tokenizer.json for a lower-casing BERT WordPiece tokenizer with `[CLS] $A [SEP]`. */
export function bertTokenizerJson(vocab: string[]): Record<string, unknown> {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string): Record<string, unknown> => ({
    id: token,
    ids: [ids[token]],
    tokens: [token],
  });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: BERT_SPECIALS.map((token, id) => addedToken(id, token)),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
}

/** tokenizer_config.json for the BERT tokenizer. */
export function bertTokenizerConfig(modelMaxLength: number): Record<string, unknown> {
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    model_max_length: modelMaxLength,
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
}

/** GPT-2's reversible byte → printable character table (`bytes_to_unicode`). */
export function bytesToUnicode(): string[] {
  const visible: number[] = [];
  for (let b = 33; b <= 126; b += 1) visible.push(b);
  for (let b = 161; b <= 172; b += 1) visible.push(b);
  for (let b = 174; b <= 255; b += 1) visible.push(b);
  const table: string[] = new Array<string>(256);
  let extra = 0;
  for (let b = 0; b < 256; b += 1) {
    const code = visible.includes(b) ? b : 256 + extra++;
    table[b] = String.fromCodePoint(code);
  }
  return table;
}

/** Special tokens of the byte-level tokenizer, after the 256 byte tokens. */
export const GPT2_SPECIALS = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'] as const;
/** 256 byte tokens plus the special tokens. */
export const GPT2_VOCAB_SIZE = 256 + GPT2_SPECIALS.length;
/** End of a chat turn (`<|im_end|>`), the generation stop token. */
export const GPT2_EOS_ID = 256 + GPT2_SPECIALS.indexOf('<|im_end|>');

/** ChatML, as Qwen2.5 uses it; a default system line keeps it close to the real templates. */
export const TINY_CHAT_TEMPLATE =
  "{% for message in messages %}{% if loop.first and message['role'] != 'system' %}" +
  "{{ '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{% endif %}" +
  "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}" +
  "{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

/** tokenizer.json for a byte-level BPE tokenizer: one token per byte, no merges. */
export function byteLevelTokenizerJson(): Record<string, unknown> {
  const vocab: Record<string, number> = {};
  bytesToUnicode().forEach((char, id) => (vocab[char] = id));
  GPT2_SPECIALS.forEach((token, i) => (vocab[token] = 256 + i));
  const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true };
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: GPT2_SPECIALS.map((token, i) => addedToken(256 + i, token)),
    normalizer: null,
    pre_tokenizer: byteLevel,
    post_processor: byteLevel,
    decoder: byteLevel,
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges: [],
    },
  };
}

/** tokenizer_config.json for the byte-level tokenizer, with or without the chat template. */
export function byteLevelTokenizerConfig(modelMaxLength: number, chat: boolean): Record<string, unknown> {
  return {
    tokenizer_class: 'GPT2Tokenizer',
    bos_token: '<|endoftext|>',
    eos_token: '<|im_end|>',
    unk_token: '<|endoftext|>',
    pad_token: '<|endoftext|>',
    add_bos_token: false,
    model_max_length: modelMaxLength,
    ...(chat ? { chat_template: TINY_CHAT_TEMPLATE } : {}),
  };
}
