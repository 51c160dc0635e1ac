/**
 * Turns what transformers.js or ONNX Runtime threw into a sentence for people. Absolute paths are
 * replaced (the renderer never sees file system paths), the message is cut to its first line.
 */
import type { AppErrorData } from '../../../../common/errors';

/** First line of the error, without absolute paths, at most 240 characters. */
export function shortCause(error: unknown, packDir?: string): string {
  let text = error instanceof Error ? error.message : String(error);
  if (packDir) text = text.split(packDir).join('<pack>');
  text = text
    .replace(/(?:[A-Za-z]:)?[\\/](?:[^\s"'`:]+[\\/])+[^\s"'`:]*/g, '<path>')
    .split('\n')[0]!
    .trim();
  return text.length > 240 ? `${text.slice(0, 237)}...` : text;
}

/** MODEL_UNAVAILABLE with the stage that failed and the short cause in details. */
export function modelFailure(stage: 'load' | 'run', error: unknown, packDir?: string): AppErrorData {
  const cause = shortCause(error, packDir);
  const message =
    stage === 'load' ? `The model could not be loaded: ${cause}` : `The model failed while running: ${cause}`;
  return { code: 'MODEL_UNAVAILABLE', message, details: { stage, cause } };
}
