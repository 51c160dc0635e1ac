/**
 * The `aiProvenance` mark: text that came from an accepted AI suggestion keeps where it came from
 * (model, pack hash, provider, time) in the document itself, shown on hover and carried into
 * exports. The core's rich-text allowlist (common/documents/rich-text.ts) knows the same attributes.
 */
import { Mark, mergeAttributes } from '@tiptap/core';

const ATTRS = ['model', 'packSha256', 'provider', 'at', 'action'] as const;

export const AiProvenanceMark = Mark.create({
  name: 'aiProvenance',
  // Typing right after AI text is the user's own text, not the model's.
  inclusive: false,
  addAttributes() {
    return Object.fromEntries(
      ATTRS.map((name) => [
        name,
        {
          default: null,
          parseHTML: (el: HTMLElement) => el.getAttribute(`data-ai-${name.toLowerCase()}`),
          renderHTML: (attrs: Record<string, unknown>) =>
            attrs[name] === null || attrs[name] === undefined
              ? {}
              : { [`data-ai-${name.toLowerCase()}`]: String(attrs[name]) },
        },
      ]),
    );
  },
  parseHTML() {
    return [{ tag: 'span[data-ai-model]' }];
  },
  renderHTML({ HTMLAttributes, mark }) {
    const a = mark.attrs as Record<string, string | null>;
    const title = `AI · ${a.model ?? '?'} (${a.provider ?? '?'}) · ${a.at ?? ''}${a.packSha256 ? ` · pack ${a.packSha256.slice(0, 12)}…` : ''}`;
    return ['span', mergeAttributes(HTMLAttributes, { class: 'ai-text', title }), 0];
  },
});
