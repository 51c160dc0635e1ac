import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'react';
import { MAX_PASTE_CHARS, formatBytes, type RichDoc } from '../../../../../common/documents';
import { useEditorT } from '../i18n/t';
import { AiProvenanceMark } from '../lib/ai-provenance-mark';
import { sanitizePastedHtml } from '../lib/sanitize-paste';

const EMPTY: RichDoc = { type: 'doc', content: [{ type: 'paragraph' }] };

/**
 * Typing is handed to the form at most this often: serialising a 50-page field to JSON and
 * re-validating the form on every keystroke would cost more than a frame. Blur and unmount flush.
 */
const EMIT_MS = 150;

/**
 * A rich-text field: TipTap with StarterKit plus our provenance mark. Pasted HTML goes through
 * TipTap's schema (script, iframe, style and event attributes never become content); an oversize
 * paste is refused here with the limit in words, before it reaches the core's own limit.
 */
export function RichTextField(props: {
  id: string;
  labelId: string;
  describedBy?: string | undefined;
  value: RichDoc | undefined;
  editable: boolean;
  onChange(value: RichDoc): void;
  placeholder?: string | undefined;
}) {
  const t = useEditorT();
  const [pasteError, setPasteError] = useState<string | null>(null);
  // What this editor last emitted: a value that differs came from outside (AI accept, merge, restore).
  const emitted = useRef<RichDoc | undefined>(props.value);
  const onChange = useRef(props.onChange);
  useEffect(() => {
    onChange.current = props.onChange;
  });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const emitNow = useRef<() => void>(() => undefined);

  const editor = useEditor({
    extensions: [
      // No trailing-node normalisation: it would change a document just by opening it (a spurious version).
      StarterKit.configure({
        trailingNode: false,
        link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] },
      }),
      AiProvenanceMark,
    ],
    content: props.value ?? EMPTY,
    editable: props.editable,
    immediatelyRender: true,
    // TipTap would add a <style> element; the CSP allows styles only from 'self' (editor.css has them).
    injectCSS: false,
    shouldRerenderOnTransaction: false,
    editorProps: {
      attributes: {
        id: props.id,
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-labelledby': props.labelId,
        ...(props.describedBy && { 'aria-describedby': props.describedBy }),
        ...(props.placeholder && { 'data-placeholder': props.placeholder }),
        class: 'rich-input',
      },
      transformPastedHTML: sanitizePastedHtml,
      handlePaste(_view, event) {
        const text = event.clipboardData?.getData('text/plain') ?? '';
        const html = event.clipboardData?.getData('text/html') ?? '';
        const size = Math.max(text.length, html.length);
        if (size > MAX_PASTE_CHARS) {
          setPasteError(
            t('editor.pasteTooLarge', { size: formatBytes(size), limit: MAX_PASTE_CHARS.toLocaleString() }),
          );
          return true;
        }
        setPasteError(null);
        return false;
      },
    },
    onUpdate({ editor: e, transaction }) {
      // Only the user's edits are changes; schema normalisation on load is not.
      if (!transaction.docChanged) return;
      emitNow.current = () => {
        pending.current = null;
        const json = e.getJSON() as RichDoc;
        emitted.current = json;
        onChange.current(json);
      };
      if (pending.current === null) pending.current = setTimeout(() => emitNow.current(), EMIT_MS);
    },
    onBlur() {
      if (pending.current !== null) {
        clearTimeout(pending.current);
        emitNow.current();
      }
    },
  });

  useEffect(
    () => () => {
      if (pending.current !== null) {
        clearTimeout(pending.current);
        emitNow.current();
      }
    },
    [],
  );

  useEffect(() => {
    editor.setEditable(props.editable);
  }, [editor, props.editable]);

  useEffect(() => {
    if (props.value === emitted.current) return;
    emitted.current = props.value;
    editor.commands.setContent(props.value ?? EMPTY, { emitUpdate: false });
  }, [editor, props.value]);

  return (
    <div className="rich-field" data-editable={props.editable}>
      <EditorContent editor={editor} />
      {pasteError && (
        <p className="field-flag field-flag-error" role="alert">
          {pasteError}
        </p>
      )}
    </div>
  );
}
