/**
 * A graph picture whose collapsed blocks open in place: `showDiagram(box, (open) => networkDiagram(…,
 * {interactive: true, open}))` draws it with every block closed, and redraws it when the reader
 * clicks a block (or presses Enter or Space on it) to open it, or an open block's frame title to close it.
 */

/** What each picture's box draws, which of its blocks are open, and which network it shows. */
const pictures = new WeakMap<
  HTMLElement,
  { draw: (open: readonly string[]) => string; open: string[]; network: unknown }
>();

/** Block ids are their layers' range, `'12-21'`: closing one closes the blocks inside it too. */
const within = (inner: string, outer: string) => {
  const [a = 0, b = 0] = inner.split('-').map(Number);
  const [c = 0, d = 0] = outer.split('-').map(Number);
  return a >= c && b <= d;
};

/**
 * Draws a picture into `box`. A later call for the same `network` (the quiz redrawing it with the
 * counts after a check) keeps the blocks the reader opened; another network starts with all closed.
 */
export function showDiagram(box: HTMLElement, draw: (open: readonly string[]) => string, network?: unknown): void {
  const known = pictures.get(box);
  const open = known && network !== undefined && known.network === network ? known.open : [];
  pictures.set(box, { draw, open, network });
  box.innerHTML = draw(open);
  if (known) return;
  const toggle = (event: Event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-toggle]') : null;
    const picture = pictures.get(box);
    if (!target || !picture) return;
    event.preventDefault();
    const id = target.getAttribute('data-toggle') ?? '';
    picture.open = picture.open.includes(id) ? picture.open.filter((open) => !within(open, id)) : [...picture.open, id];
    box.innerHTML = picture.draw(picture.open);
    // The same block, now open (its frame's title) or closed (its box), keeps the focus.
    box.querySelector<SVGElement>(`[data-toggle="${CSS.escape(id)}"]`)?.focus();
  };
  box.addEventListener('click', toggle);
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') toggle(event);
  });
}
