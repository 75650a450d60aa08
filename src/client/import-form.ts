import { KERAS_NAMES, shapeText } from '../domain/layer-summary';
import { LIMITS } from '../domain/limits';
import type { z } from 'zod';
import type { PytorchReport } from '../domain/pytorch/score-pytorch';
import { pastedModelKind } from '../domain/pasted-model';
import type { ProblemDetails } from '../domain/schema/problem';
import type { ScoreReport } from '../domain/score-answers';
import { escapeMarkup as escape } from '../domain/escape-markup';

/** The parts of a /api/score answer for a Keras model this page shows. */
type Scored = Pick<ScoreReport, 'input' | 'layers' | 'total'>;

/** The parts of a /api/score answer for a PyTorch model this page shows. */
type ScoredModules = Pick<PytorchReport, 'modules' | 'total' | 'notes'>;

/** An RFC 9457 problem, as /api/score sends it. */
type Problem = z.infer<typeof ProblemDetails>;

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && 'title' in body && 'detail' in body;

const TIMEOUT_MS = 15_000;

/** Files bigger than the API takes are refused here, before reading them. */
const MAX_FILE_BYTES = LIMITS.maxBodyBytes;

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string, many: string) => `${count(n)} ${n === 1 ? one : many}`;

/**
 * `<keras-import>`: sends the pasted model to /api/score — Keras JSON as `kerasModel`, anything
 * else as PyTorch's `print(model)` in `pytorchModel` — and shows the per-layer or per-module
 * counts, or the API's problems. The Keras and PyTorch snippets load only after a Keras count.
 */
class KerasImport extends HTMLElement {
  #busy = false;
  /** Which count the snippets belong to, so a slow load never shows an older model's code. */
  #run = 0;
  /** Which result's rows are being put in the table (a newer result stops an older one's filling). */
  #fill = 0;

  #find<T extends HTMLElement = HTMLElement>(selector: string): T {
    const element = this.querySelector<T>(selector);
    if (!element) throw new Error(`<keras-import> needs ${selector}`);
    return element;
  }

  connectedCallback() {
    const text = this.#find<HTMLTextAreaElement>('#model-text');
    for (const kind of ['keras', 'pytorch'] as const) {
      const example = this.#find<HTMLButtonElement>(`[data-example="${kind}"]`);
      example.hidden = false;
      example.addEventListener('click', () => {
        text.value = this.#find<HTMLTemplateElement>(`[data-example-${kind}]`).content.textContent?.trim() ?? '';
        text.focus();
      });
    }
    this.#find('[data-file-row]').hidden = false;
    const file = this.#find<HTMLInputElement>('[data-file]');
    file.addEventListener('change', () => void this.#open(file, text));
    const rows = this.#find('[data-rows]');
    rows.addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest<HTMLButtonElement>('button[data-expand]');
      if (button) this.#toggle(rows, button);
    });
    this.#find<HTMLFormElement>('[data-form]').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#count(text.value);
    });
  }

  /** Puts a chosen file's text in the box, to count it as if pasted. */
  async #open(input: HTMLInputElement, text: HTMLTextAreaElement) {
    const chosen = input.files?.[0];
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) {
      this.#problem(`${chosen.name} is ${count(chosen.size)} bytes; the API reads at most ${count(MAX_FILE_BYTES)}.`);
      return;
    }
    text.value = await chosen.text();
    this.#status(`${chosen.name} is in the box: count it when ready.`);
  }

  async #count(model: string) {
    if (this.#busy) return;
    const problemBox = this.#find('[data-problem]');
    problemBox.innerHTML = '';
    if (model.trim() === '') {
      this.#find('#model-text').setAttribute('aria-invalid', 'true');
      problemBox.innerHTML = '<p>Paste a model first.</p>';
      return;
    }
    this.#find('#model-text').removeAttribute('aria-invalid');
    const kind = pastedModelKind(model);
    const button = this.#find<HTMLButtonElement>('[data-submit]');
    this.#busy = true;
    button.disabled = true;
    this.#status('Counting…');
    try {
      const response = await fetch('/api/score', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(kind === 'keras' ? { kerasModel: model } : { pytorchModel: model }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body: unknown = await response.json().catch(() => null);
      if (response.ok && body) {
        return kind === 'keras' ? this.#show(model, body as Scored) : this.#showModules(body as ScoredModules);
      }
      this.#find('[data-result]').hidden = true;
      this.#status('');
      if (response.status === 429)
        return this.#problem('Too many requests in a short time: wait a minute and try again.');
      const what = kind === 'keras' ? 'This Keras model' : 'This PyTorch model';
      if (isProblem(body)) return this.#problem(`${what} could not be counted:`, body);
      this.#problem(`${what} could not be counted (error ${response.status}).`);
    } catch {
      this.#status('');
      this.#problem('We could not reach the counting service (are you offline?). Your model is still in the box.');
    } finally {
      this.#busy = false;
      button.disabled = false;
    }
  }

  #problem(message: string, problem?: Problem) {
    const errors = problem?.errors ?? [];
    const list =
      errors.length > 0
        ? `<ul>${errors.map((e) => `<li>${escape(e.detail)}</li>`).join('')}</ul>`
        : problem
          ? `<p>${escape(problem.detail)}</p>`
          : '';
    this.#find('[data-problem]').innerHTML = `<p><strong>${escape(message)}</strong></p>${list}`;
    this.#find('#model-text').setAttribute('aria-invalid', 'true');
  }

  /** Shows one of the two result tables (Keras layers or PyTorch modules) and hides the other's parts. */
  #reveal(kind: 'keras' | 'pytorch', heading: string) {
    this.#find('[data-result-heading]').textContent = heading;
    this.#find('[data-keras-result]').hidden = kind !== 'keras';
    this.#find('[data-pytorch-result]').hidden = kind !== 'pytorch';
    this.#find('[data-notes]').hidden = kind !== 'pytorch';
    this.#find('[data-diagram-figure]').hidden = kind !== 'keras';
    if (kind !== 'keras') this.#find('[data-snippets]').hidden = true;
    this.#find('[data-result]').hidden = false;
  }

  #show(model: string, scored: Scored) {
    const n = scored.layers.length;
    const rows = this.#find('[data-rows]');
    void this.#fillRows(rows, layerRows(scored.layers, 0, ''), ++this.#fill);
    this.#find('[data-total]').innerHTML =
      `<tr><td></td><th scope="row">Total</th><td></td><td class="number"><strong>${scored.total.params}</strong></td>` +
      `<td class="arithmetic">${escape(scored.total.explanation)}</td></tr>`;
    this.#reveal('keras', `Your model: ${plural(n, 'layer', 'layers')}, ${count(scored.total.params)} parameters`);
    this.#status(`Counted: ${n} layers, ${scored.total.params} parameters in all.`);
    void this.#snippets(model);
    void this.#picture(scored);
  }

  /** The model's picture (loaded on demand, like the snippets), for the count `#snippets` just started. */
  async #picture(scored: Scored) {
    const run = this.#run;
    const { showImported } = await import('./import-diagram');
    if (run !== this.#run) return;
    showImported(this.#find('[data-diagram]'), this.#find('[data-diagram-caption]'), scored);
  }

  /**
   * Puts a model's rows in the table a few hundred at a time, each batch in a task of its own, so a
   * model of hundreds of layers (NASNet's 770) never blocks the tab while the browser lays them out.
   */
  async #fillRows(rows: HTMLElement, html: readonly string[], run: number) {
    rows.innerHTML = '';
    for (let start = 0; start < html.length && run === this.#fill; start += ROWS_PER_TASK) {
      rows.insertAdjacentHTML('beforeend', html.slice(start, start + ROWS_PER_TASK).join(''));
      // The CSP refuses style attributes in markup; a custom property set through the CSSOM is allowed.
      for (const row of rows.querySelectorAll<HTMLElement>('tr[data-depth]:not([data-styled])')) {
        row.style.setProperty('--depth', row.dataset['depth'] ?? '0');
        row.dataset['styled'] = '';
      }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  /** Opens or closes a nested model's rows; closing a model closes what is inside it too. */
  #toggle(rows: HTMLElement, button: HTMLButtonElement) {
    const open = button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    button.textContent = open ? 'Hide its layers' : `Show its ${button.dataset['count']} layers`;
    const id = button.dataset['expand'] ?? '';
    for (const row of rows.querySelectorAll<HTMLElement>('tr[data-parent]')) {
      const parent = row.dataset['parent'] ?? '';
      if (open ? parent === id : parent.startsWith(id)) row.hidden = !open;
      if (!open && parent.startsWith(id)) {
        const inner = row.querySelector<HTMLButtonElement>('button[data-expand]');
        inner?.setAttribute('aria-expanded', 'false');
        if (inner) inner.textContent = `Show its ${inner.dataset['count']} layers`;
      }
    }
  }

  /** The modules of a PyTorch model, indented by depth; a container's row carries its subtotal. */
  #showModules(scored: ScoredModules) {
    const [root, ...modules] = scored.modules;
    const rows = this.#find('[data-module-rows]');
    rows.innerHTML = modules
      .map(
        (m) =>
          `<tr class="module-${m.kind}" data-depth="${m.depth - 1}"><th scope="row"><span class="module-path">${escape(m.path)}</span></th>` +
          `<td><code>${escape(m.type)}</code></td><td class="number">${m.kind === 'container' ? `<strong>${m.params}</strong>` : m.params}</td>` +
          `<td class="arithmetic">${escape(m.explanation)}</td></tr>`,
      )
      .join('');
    // The CSP refuses style attributes in markup; a custom property set through the CSSOM is allowed.
    for (const row of rows.querySelectorAll<HTMLElement>('[data-depth]')) {
      row.style.setProperty('--depth', row.dataset['depth'] ?? '0');
    }
    this.#find('[data-module-total]').innerHTML =
      `<tr><th scope="row">Total</th><td><code>${escape(root?.type ?? '')}</code></td>` +
      `<td class="number"><strong>${scored.total.params}</strong></td>` +
      `<td class="arithmetic">${escape(scored.total.explanation)}</td></tr>`;
    this.#find('[data-note-items]').innerHTML = scored.notes.map((note) => `<li>${escape(note)}</li>`).join('');
    const n = modules.length;
    this.#reveal(
      'pytorch',
      `Your model: ${root?.type ?? 'a model'}, ${plural(n, 'module', 'modules')}, ${count(scored.total.params)} parameters`,
    );
    this.#status(`Counted: ${n} modules, ${scored.total.params} parameters in all.`);
    this.#run++;
  }

  /** The "check it yourself" code, from the model imported here (loaded on demand: it brings zod). */
  async #snippets(model: string) {
    const run = ++this.#run;
    const box = this.#find('[data-snippets]');
    box.hidden = true;
    const { snippetsFor } = await import('./import-snippets');
    const snippets = await snippetsFor(model);
    if (!snippets || run !== this.#run) return;
    this.#find('#keras-snippet').textContent = snippets.keras;
    this.#find('#pytorch-snippet').textContent = snippets.pytorch;
    box.hidden = false;
  }

  #status(text: string) {
    this.#find('[data-status]').textContent = text;
  }
}

/** A layer of the report, or of a nested model's (the same fields). */
type ReportLayer = Scored['layers'][number] | NonNullable<Scored['layers'][number]['model']>['layers'][number];

/**
 * The table rows of a model's layers: where a layer takes other layers than the one before it
 * ("takes conv1 and shortcut"), a shared layer's call, and a nested model's own layers in rows
 * of their own, hidden until its button opens them (Keras's expand_nested).
 */
function layerRows(layers: readonly ReportLayer[], depth: number, parent: string): string[] {
  const label = (from: number) => (from === -1 ? 'the input' : (layers[from]?.name ?? `layer ${from + 1}`));
  return layers
    .map((layer) => {
      const id = `${parent}${layer.index}.`;
      const takes =
        layer.from && !(layer.from.length === 1 && layer.from[0] === layer.index - 1)
          ? ` <span class="layer-takes">takes ${layer.from.map(label).join(' and ')}</span>`
          : '';
      const inner = layer.model;
      const expand = inner
        ? ` <button type="button" class="expand" data-expand="${id}" data-count="${inner.layers.length}" aria-expanded="false">Show its ${inner.layers.length} layers</button>`
        : '';
      const row =
        `<tr data-depth="${depth}"${parent === '' ? '' : ` data-parent="${parent}" hidden`}>` +
        `<td>${layer.index + 1}</td><th scope="row"><span class="layer-cell${depth > 0 ? ' nested' : ''}">` +
        `${KERAS_NAMES[layer.type] ?? escape(layer.type)}` +
        // The model's own layer name, as Keras's summary shows it.
        `${layer.name === undefined ? '' : ` <span class="layer-id">${escape(layer.name)}</span>`}${takes}${expand}</span></th>` +
        `<td>${shapeText(layer.outputShape)}</td><td class="number">${layer.params}</td>` +
        `<td class="arithmetic">${escape(layer.explanation)} ` +
        `<span class="shape-work">Shape: ${escape(layer.shapeExplanation)}</span></td></tr>`;
      return [row, ...(inner ? layerRows(inner.layers, depth + 1, id) : [])];
    })
    .flat();
}

/** Rows laid out in one task: a few hundred keep each task short on a slow laptop. */
const ROWS_PER_TASK = 150;

customElements.define('keras-import', KerasImport);
