// Opens the search dialog from anywhere: Ctrl+K / Cmd+K, "/" when not typing, or the header field.
// The dialog's code (search-palette.ts) is a separate chunk, loaded the first time it opens, so
// pages that never search never download it.

type Palette = typeof import('./search-palette.ts');
let palette: Promise<Palette> | undefined;

function openPalette(text: string, opener: Element | null) {
  palette ??= import('./search-palette.ts');
  palette
    .then((module) => module.openSearchPalette(text, opener))
    .catch(() => {
      palette = undefined;
      // The page still works without it: the results page does the same.
      window.location.assign(`/search?q=${encodeURIComponent(text)}`);
    });
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function enhanceSearchShortcuts(doc: Document) {
  doc.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey) return;
    const isK = event.key === 'k' || event.key === 'K';
    if ((event.ctrlKey || event.metaKey) && isK) {
      event.preventDefault();
      openPalette('', doc.activeElement);
    } else if (event.key === '/' && !event.ctrlKey && !event.metaKey && !isTyping(event.target)) {
      event.preventDefault();
      openPalette('', doc.activeElement);
    }
  });
  const field = doc.querySelector<HTMLInputElement>('input[data-search-field]');
  if (!field) return;
  // A click or a typed letter moves to the dialog, which shows results as one types; Enter on
  // the field itself still submits to the results page.
  field.addEventListener('click', () => openPalette(field.value, field));
  field.addEventListener('keydown', (event) => {
    if (event.key.length !== 1 || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    openPalette(field.value + event.key, field);
  });
}
