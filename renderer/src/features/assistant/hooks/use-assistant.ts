import { useShallow } from 'zustand/react/shallow';
import type { PackInfo } from '../../../../../common/contract';
import { useStore } from '../../../store';

/** The assistant's state and actions from the store (one subscription, shallow-compared). */
export function useAssistant() {
  return useStore(
    useShallow((s) => ({
      ...s.assistant,
      setAssistant: s.setAssistant,
      send: s.sendAssistant,
      stop: s.stopAssistant,
      clear: s.clearAssistant,
    })),
  );
}

/** Whether any pack here may serve a chat: it can chat, the policy approves it, its files are not known bad. */
export function hasChatPack(packs: readonly PackInfo[]): boolean {
  return packs.some((p) => p.tasks.includes('chat') && p.allowed && p.integrity !== 'failed');
}
