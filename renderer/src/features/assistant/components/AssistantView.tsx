import { SectionPage } from '../../../ui/SectionPage';
import { usePacks } from '../../models/hooks/use-packs';
import '../assistant.css';
import { hasChatPack, useAssistant } from '../hooks/use-assistant';
import { useAssistantT } from '../i18n/t';
import { modelLabel } from './AnswerBody';
import { Composer } from './Composer';
import { ContextPanel } from './ContextPanel';
import { Conversation } from './Conversation';
import { NoModelNote } from './NoModelNote';

/**
 * A chat over an optional pasted context. The core decides where each request runs (this device,
 * the on-prem server, or a built-in) from the classification and the policy; this view shows which
 * one answered, streams its words, and stops it at once when asked.
 */
export function AssistantView() {
  const t = useAssistantT();
  const packs = usePacks();
  const { turns, running, clear } = useAssistant();
  const items = packs.status === 'ready' ? packs.data.items : null;

  return (
    <SectionPage
      title={t('title')}
      description={t('description')}
      actions={
        <button type="button" className="button" onClick={clear} disabled={turns.length === 0 && !running}>
          {t('newConversation')}
        </button>
      }
    >
      {items && !hasChatPack(items) && <NoModelNote anyPack={items.length > 0} />}
      <div className="assistant-layout">
        <div className="assistant-main">
          <Conversation />
          <Composer />
        </div>
        <ContextPanel />
      </div>
      <Announcer />
    </SectionPage>
  );
}

/** Says politely, once, how the last answer ended (the streaming words themselves are not read out). */
function Announcer() {
  const t = useAssistantT();
  const { turns } = useAssistant();
  const last = turns.at(-1);
  let text = '';
  if (last?.role === 'assistant') {
    if (last.status === 'done' && last.done) {
      text = t('announce.done', { model: modelLabel(last.done.provider, last.done.modelId, t) });
    } else if (last.status === 'stopped') text = t('announce.stopped');
    else if (last.status === 'failed') text = t('announce.failed');
  }
  return (
    <p className="visually-hidden" role="status">
      {text}
    </p>
  );
}
