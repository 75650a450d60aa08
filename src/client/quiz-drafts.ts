/** Typed answers survive a reload of the same network in this tab (sessionStorage), never longer. */

function load(key: string): Record<string, string> {
  try {
    const data: unknown = JSON.parse(window.sessionStorage.getItem(key) ?? '{}');
    return data && typeof data === 'object' ? (data as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Saves the drafts under `key`, or forgets them (`null`). */
export function saveDrafts(key: string, values: Record<string, string> | null) {
  try {
    if (values) window.sessionStorage.setItem(key, JSON.stringify(values));
    else window.sessionStorage.removeItem(key);
  } catch {
    // Storage blocked: the answers stay in the page, which is what matters.
  }
}

/**
 * Puts back what was typed in `form` before a reload, and saves every keystroke from now on:
 * `keepDrafts(form, 'learnable.draft.v1:2/k3j9x')`. Returns a function that stops saving.
 */
export function keepDrafts(form: HTMLFormElement, key: string): () => void {
  for (const [id, value] of Object.entries(load(key))) {
    const input = form.querySelector<HTMLInputElement>(`input#${CSS.escape(id)}`);
    if (input) input.value = value;
  }
  const save = () => {
    const values = [...form.querySelectorAll('input')].map((input) => [input.id, input.value] as const);
    saveDrafts(key, Object.fromEntries(values.filter(([, value]) => value !== '')));
  };
  form.addEventListener('input', save);
  return () => form.removeEventListener('input', save);
}
