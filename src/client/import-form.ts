import { KERAS_NAMES, shapeText } from '../domain/layer-summary';
import type { z } from 'zod';
import type { ProblemDetails } from '../domain/schema/problem';
import type { ScoreReport } from '../domain/score-answers';
import { escapeMarkup as escape } from '../domain/escape-markup';

/** The parts of a /api/score answer this page shows. */
type Scored = Pick<ScoreReport, 'layers' | 'total'>;

/** An RFC 9457 problem, as /api/score sends it. */
type Problem = z.infer<typeof ProblemDetails>;

const isProblem = (body: unknown): body is Problem =>
  typeof body === 'object' && body !== null && 'title' in body && 'detail' in body;

const TIMEOUT_MS = 15_000;

/**
 * `<keras-import>`: sends the pasted Keras JSON to /api/score as `kerasModel` and shows the
 * per-layer counts, or the API's problems. The Keras and PyTorch snippets load only after a count.
 */
class KerasImport extends HTMLElement {
  #busy = false;
  /** Which count the snippets belong to, so a slow load never shows an older model's code. */
  #run = 0;

  #find<T extends HTMLElement = HTMLElement>(selector: string): T {
    const element = this.querySelector<T>(selector);
    if (!element) throw new Error(`<keras-import> needs ${selector}`);
    return element;
  }

  connectedCallback() {
    const text = this.#find<HTMLTextAreaElement>('#keras-json');
    const example = this.#find<HTMLButtonElement>('[data-example]');
    example.hidden = false;
    example.addEventListener('click', () => {
      text.value = this.#find<HTMLTemplateElement>('[data-example-json]').content.textContent?.trim() ?? '';
      text.focus();
    });
    this.#find<HTMLFormElement>('[data-form]').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#count(text.value);
    });
  }

  async #count(model: string) {
    if (this.#busy) return;
    const problemBox = this.#find('[data-problem]');
    problemBox.innerHTML = '';
    if (model.trim() === '') {
      this.#find('#keras-json').setAttribute('aria-invalid', 'true');
      problemBox.innerHTML = '<p>Paste the JSON of a model first.</p>';
      return;
    }
    this.#find('#keras-json').removeAttribute('aria-invalid');
    const button = this.#find<HTMLButtonElement>('[data-submit]');
    this.#busy = true;
    button.disabled = true;
    this.#status('Counting…');
    try {
      const response = await fetch('/api/score', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ kerasModel: model }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const body: unknown = await response.json().catch(() => null);
      if (response.ok && body) return this.#show(model, body as Scored);
      this.#find('[data-result]').hidden = true;
      this.#status('');
      if (response.status === 429)
        return this.#problem('Too many requests in a short time: wait a minute and try again.');
      if (isProblem(body)) return this.#problem('This model could not be counted:', body);
      this.#problem(`This model could not be counted (error ${response.status}).`);
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
    this.#find('#keras-json').setAttribute('aria-invalid', 'true');
  }

  #show(model: string, scored: Scored) {
    const n = scored.layers.length;
    this.#find('[data-result-heading]').textContent =
      `Your model: ${n} layer${n === 1 ? '' : 's'}, ${scored.total.params.toLocaleString('en-US')} parameters`;
    this.#find('[data-rows]').innerHTML = scored.layers
      .map(
        (layer) =>
          `<tr><td>${layer.index + 1}</td><th scope="row">${KERAS_NAMES[layer.type] ?? escape(layer.type)}` +
          // The model's own layer name, as Keras's summary shows it.
          `${layer.name === undefined ? '' : ` <span class="layer-id">${escape(layer.name)}</span>`}</th>` +
          `<td>${shapeText(layer.outputShape)}</td><td class="number">${layer.params}</td>` +
          `<td class="arithmetic">${escape(layer.explanation)} ` +
          `<span class="shape-work">Shape: ${escape(layer.shapeExplanation)}</span></td></tr>`,
      )
      .join('');
    this.#find('[data-total]').innerHTML =
      `<tr><td></td><th scope="row">Total</th><td></td><td class="number"><strong>${scored.total.params}</strong></td>` +
      `<td class="arithmetic">${escape(scored.total.explanation)}</td></tr>`;
    this.#find('[data-result]').hidden = false;
    this.#status(`Counted: ${n} layers, ${scored.total.params} parameters in all.`);
    void this.#snippets(model);
  }

  /** The "check it yourself" code, from the model imported here (loaded on demand: it brings zod). */
  async #snippets(model: string) {
    const run = ++this.#run;
    const box = this.#find('[data-snippets]');
    box.hidden = true;
    const { snippetsFor } = await import('./import-snippets');
    const snippets = snippetsFor(model);
    if (!snippets || run !== this.#run) return;
    this.#find('#keras-snippet').textContent = snippets.keras;
    this.#find('#pytorch-snippet').textContent = snippets.pytorch;
    box.hidden = false;
  }

  #status(text: string) {
    this.#find('[data-status]').textContent = text;
  }
}

customElements.define('keras-import', KerasImport);
