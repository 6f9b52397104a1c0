import { useState } from 'react';

/**
 * Holds back what would move the page under a pressed pointer. A field that shows an error when it loses
 * the focus pushes down what lies below it; when the focus was lost to a press on a button (the submit
 * button), the button moves away before the pointer is released and the click is lost: the form is never
 * sent and the focus stays on the button. Actions waited for run once the press is over and its click
 * has been dispatched; with no press going on, at once.
 */
export interface PointerRelease {
  after(action: () => void): void;
}

export function pointerRelease(target: EventTarget): PointerRelease {
  let pressed = false;
  let waiting: Array<() => void> = [];
  const release = () => {
    if (!pressed) return;
    pressed = false;
    const actions = waiting;
    waiting = [];
    // The click follows the pointerup in the same dispatch: after it, not before.
    setTimeout(() => actions.forEach((action) => action()));
  };
  target.addEventListener('pointerdown', () => (pressed = true), true);
  target.addEventListener('pointerup', release, true);
  target.addEventListener('pointercancel', release, true);
  return {
    after(action) {
      if (pressed) waiting.push(action);
      else action();
    },
  };
}

let documentRelease: PointerRelease | undefined;
/** The page's one `pointerRelease`, listening from the first field rendered (before any press it must know of). */
export function usePointerRelease(): PointerRelease {
  const [release] = useState(() => (documentRelease ??= pointerRelease(document)));
  return release;
}
