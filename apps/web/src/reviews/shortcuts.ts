import { useEffect } from 'react';

/** True while the person is writing somewhere: keys then belong to the field, not the player. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

export interface PlayerShortcuts {
  togglePlay(): void;
  skip(seconds: number): void;
}

/** K plays and pauses, J and L move 5 s back and forward; never while typing in a field. */
export function usePlayerShortcuts(actions: PlayerShortcuts) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
      if (isTyping(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === 'k') actions.togglePlay();
      else if (key === 'j') actions.skip(-5);
      else if (key === 'l') actions.skip(5);
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [actions]);
}
