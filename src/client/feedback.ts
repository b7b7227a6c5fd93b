// Messages shown where the learner acted: next to the card, drawer or section control that failed,
// a question before a change that replaces something ("Replace / Cancel"), an Undo afterwards.
import type { ApiError } from './stores.ts';

export interface Action {
  label: string;
  run?: () => void;
  /** A link instead of a button (sign in again). */
  href?: string;
}

/** Shows a message right after `anchor` (one per anchor: a new one replaces the old). */
export function showBeside(
  anchor: Element,
  message: string | Node,
  actions: Action[] = [],
  kind: 'error' | 'info' | 'question' = 'info',
): HTMLElement {
  clearBeside(anchor);
  const box = document.createElement('div');
  box.className = `feedback feedback--${kind}`;
  box.dataset.feedback = kind;
  box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  fill(box, message, actions);
  anchor.after(box);
  return box;
}

export function clearBeside(anchor: Element) {
  const next = anchor.nextElementSibling;
  if (next instanceof HTMLElement && next.dataset.feedback) next.remove();
}

/** Fills a message box (a feedback box, or the progress panel's toast) with text and actions. */
export function fill(box: HTMLElement, message: string | Node, actions: Action[]) {
  const text = document.createElement('span');
  text.className = 'feedback__text';
  text.append(message);
  box.replaceChildren(text);
  if (actions.length === 0) return;
  const bar = document.createElement('span');
  bar.className = 'feedback__actions';
  for (const action of actions) {
    const control = document.createElement(action.href ? 'a' : 'button');
    control.className = 'link-button';
    control.textContent = action.label;
    if (control instanceof HTMLAnchorElement) control.href = action.href as string;
    else control.type = 'button';
    control.addEventListener('click', () => {
      if (!action.href) box.remove();
      action.run?.();
    });
    bar.append(control);
  }
  box.append(bar);
}

/** Asks before a change: resolves true on the confirming action, false on Cancel. */
export function askBeside(anchor: Element, message: string, confirm: string): Promise<boolean> {
  return new Promise((resolve) => {
    const box = showBeside(
      anchor,
      message,
      [
        { label: confirm, run: () => resolve(true) },
        { label: 'Cancel', run: () => resolve(false) },
      ],
      'question',
    );
    box.querySelector('button')?.focus();
  });
}

/** A failed save in the learner's words, with the way out: retry, or sign in again. */
export function failureMessage(error: ApiError, retry: () => void): { message: string; actions: Action[] } {
  const here = `${window.location.pathname}${window.location.search}`;
  switch (error.kind) {
    case 'signed-out':
      return {
        message: 'Not saved: you are signed out. This shows what your account holds.',
        actions: [{ label: 'Sign in again', href: `/signin?next=${encodeURIComponent(here)}` }],
      };
    case 'offline':
      return { message: 'Not saved: no connection to Trailmap.', actions: [{ label: 'Retry', run: retry }] };
    case 'server':
      return {
        message: 'Not saved: Trailmap could not store it just now.',
        actions: [{ label: 'Retry', run: retry }],
      };
    default:
      return { message: `Not saved: ${error.message}`, actions: [] };
  }
}
