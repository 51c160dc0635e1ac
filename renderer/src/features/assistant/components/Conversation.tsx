import { useLayoutEffect, useRef } from 'react';
import type { AssistantTurn, UserTurn } from '../../../store/assistant.slice';
import { useAssistant } from '../hooks/use-assistant';
import { useAssistantT } from '../i18n/t';
import { AnswerBody } from './AnswerBody';

/** Within this many pixels of the bottom, new words keep the view scrolled to the end. */
const STICK_PX = 48;

/** The exchanges so far; follows a streaming answer unless the user scrolled up to read. */
export function Conversation() {
  const t = useAssistantT();
  const { turns } = useAssistant();
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const box = scroller.current;
    if (box && stick.current) box.scrollTop = box.scrollHeight;
  }, [turns]);

  return (
    <div
      ref={scroller}
      className="conversation"
      role="region"
      aria-label={t('conversation')}
      tabIndex={0}
      onScroll={(event) => {
        const box = event.currentTarget;
        stick.current = box.scrollHeight - box.scrollTop - box.clientHeight < STICK_PX;
      }}
    >
      {turns.length === 0 ? (
        <p className="conversation-empty muted">{t('empty')}</p>
      ) : (
        <ol className="turns">
          {turns.map((turn) => (
            <Turn key={turn.id} turn={turn} />
          ))}
        </ol>
      )}
    </div>
  );
}

function Turn({ turn }: { turn: AssistantTurn }) {
  const t = useAssistantT();
  return turn.role === 'user' ? (
    <li className="turn turn-user">
      <p className="turn-author">{t('you')}</p>
      <UserText turn={turn} />
    </li>
  ) : (
    <li className={`turn turn-answer turn-${turn.status}`} data-status={turn.status}>
      <p className="turn-author">{t('assistant')}</p>
      <AnswerBody turn={turn} />
    </li>
  );
}

function UserText({ turn }: { turn: UserTurn }) {
  const t = useAssistantT();
  const language = turn.targetLanguage;
  if (turn.task === 'chat') return <p className="turn-text">{turn.text}</p>;
  if (!turn.text) {
    return (
      <p className="turn-text turn-task">
        {turn.task === 'summarize' ? t('subject.summarize') : t('subject.translate', { language })}
      </p>
    );
  }
  return (
    <>
      <p className="turn-task">
        {turn.task === 'summarize' ? t('subject.summarizeText') : t('subject.translateText', { language })}
      </p>
      <p className="turn-text">{turn.text}</p>
    </>
  );
}
