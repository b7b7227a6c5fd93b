// Keyboard use of the roadmap page. Each card's status buttons are one Tab stop (a roving tabindex:
// the arrow keys move inside, Tab leaves), so card 10 is 20 Tabs away, not 50. In a "Pick One"
// group the arrow keys only move the selection; the choice, which folds a dozen topics away, is
// applied on Space or Enter, or when focus leaves the group, and said in the group's status line.

const STATUS_BUTTON = 'form[data-status-form] button[data-status-value]';
const CHOICE_RADIO = 'form[data-choice-form] input[type="radio"]';
const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};
const ARROWS = new Set(['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown']);

const buttonsBeside = (button: Element) => [
  ...(button.closest('form')?.querySelectorAll<HTMLButtonElement>('button[data-status-value]') ?? []),
];

function makeTabStop(stop: HTMLButtonElement) {
  for (const button of buttonsBeside(stop)) button.tabIndex = button === stop ? 0 : -1;
}

/** Leaves one Tab stop per status group: its pressed button, or its first. */
export function rovingStatusGroups(root: ParentNode) {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-status-form]')) {
    const buttons = [...form.querySelectorAll<HTMLButtonElement>('button[data-status-value]')];
    const stop = buttons.find((b) => b.getAttribute('aria-pressed') === 'true') ?? buttons[0];
    if (stop) makeTabStop(stop);
  }
}

function announce(radio: HTMLInputElement, text: string) {
  const status = radio.form?.querySelector('[data-choice-status]');
  if (status) status.textContent = text;
}

const optionName = (radio: HTMLInputElement) => radio.closest('label')?.textContent?.trim() ?? radio.value;

function deferArrowChoices(doc: Document) {
  let arrowPressed = false;
  let pending: HTMLInputElement | null = null;
  let applying = false;

  const apply = () => {
    const radio = pending;
    pending = null;
    // A live update may have put the stored choice back meanwhile: then there is nothing to apply.
    if (!radio?.checked) return;
    applying = true;
    radio.dispatchEvent(new Event('change', { bubbles: true }));
    applying = false;
  };

  doc.addEventListener(
    'keydown',
    (event) => {
      const radio = event.target as HTMLInputElement;
      if (!radio.matches?.(CHOICE_RADIO)) return;
      if (ARROWS.has(event.key)) arrowPressed = true;
      else if ((event.key === ' ' || event.key === 'Enter') && pending) {
        event.preventDefault();
        apply();
      }
    },
    true,
  );
  doc.addEventListener('keyup', () => {
    arrowPressed = false;
  });
  // Capturing, so a change the arrow keys made stops here, before the progress UI applies it.
  doc.addEventListener(
    'change',
    (event) => {
      const radio = event.target as HTMLInputElement;
      if (!radio.matches?.(CHOICE_RADIO)) return;
      if (arrowPressed && !applying) {
        event.stopPropagation();
        pending = radio;
        announce(radio, `${optionName(radio)} selected: press Space or Enter to choose it.`);
        return;
      }
      pending = null;
      announce(
        radio,
        radio.value
          ? `${optionName(radio)} chosen: topics for the other options are folded away.`
          : 'No choice yet: every topic is shown.',
      );
    },
    true,
  );
  doc.addEventListener('focusout', (event) => {
    if (!pending) return;
    const next = (event as FocusEvent).relatedTarget as Node | null;
    if (next && pending.form?.contains(next)) return;
    apply();
  });
}

export function enhanceKeyboard(doc: Document) {
  rovingStatusGroups(doc);
  // A topic shown in the drawer brings its own status group.
  doc.addEventListener('trailmap:topic-shown', (event) =>
    rovingStatusGroups((event as CustomEvent<Element>).detail),
  );
  doc.addEventListener('focusin', (event) => {
    const target = event.target as Element;
    if (target.matches?.(STATUS_BUTTON)) makeTabStop(target as HTMLButtonElement);
  });
  doc.addEventListener('keydown', (event) => {
    const target = event.target as Element;
    const move = MOVES[event.key];
    if (!move || !target.matches?.(STATUS_BUTTON) || event.altKey || event.ctrlKey || event.metaKey) return;
    const buttons = buttonsBeside(target);
    const next = buttons[move(buttons.indexOf(target as HTMLButtonElement), buttons.length)];
    if (!next) return;
    event.preventDefault();
    makeTabStop(next);
    next.focus();
  });
  deferArrowChoices(doc);
}
