import { analyzeNetwork } from '../domain/analyze-network';
import { kerasSnippet } from '../domain/code-export';
import { describeDiagram, networkDiagram } from '../domain/network-diagram';
import { GENERATOR_VERSION, generateNetwork, LEVEL_TITLES } from '../domain/quiz-generator';
import type { ScoreReport } from '../domain/score-answers';
import { readCount, readShape, type Reading } from './answers';
import { parseQuizParams, quizHref, seedFrom } from './quiz-params';
import {
  asksShapes,
  layerCorrect,
  layerFeedback,
  layerRows,
  totalFeedback,
  totalRow,
  type QuizModel,
} from './quiz-view';
import { requestScore, type ScoreBody } from './score-client';
import { loadTally, saveTally, tallyText, withResult, TALLY_KEY } from './tally';

/** After this long, the learner is told the check is slow; after `TIMEOUT_MS` it is given up. */
const SLOW_MS = 2500;
const TIMEOUT_MS = 15_000;

const randomSeed = () => seedFrom(crypto.getRandomValues(new Uint32Array(1))[0] ?? 0);

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/** Typed answers survive a reload of the same quiz in this tab (sessionStorage), never longer. */
const drafts = {
  key: (level: number, seed: string) => `learnable.draft.v1:${level}/${seed}`,
  load(key: string): Record<string, string> {
    try {
      const data: unknown = JSON.parse(window.sessionStorage.getItem(key) ?? '{}');
      return data && typeof data === 'object' ? (data as Record<string, string>) : {};
    } catch {
      return {};
    }
  },
  save(key: string, values: Record<string, string> | null) {
    try {
      if (values) window.sessionStorage.setItem(key, JSON.stringify(values));
      else window.sessionStorage.removeItem(key);
    } catch {
      // Storage blocked: the answers stay in the page, which is what matters.
    }
  },
};

/**
 * `<param-quiz>`: enhances the server-rendered quiz page. It builds the network of the
 * URL's level and seed with the domain core, shows it, sends the answers to /api/score
 * and shows the verdicts. Nothing is graded in the browser.
 */
class ParamQuiz extends HTMLElement {
  #model: QuizModel | null = null;
  #seed = '';
  #busy = false;

  #find<T extends HTMLElement = HTMLElement>(selector: string): T {
    const element = this.querySelector<T>(selector);
    if (!element) throw new Error(`<param-quiz> needs ${selector}`);
    return element;
  }

  connectedCallback() {
    const params = parseQuizParams(location.search);
    const seed = params.seed ?? randomSeed();
    // The address always names the network shown, in its clean form, so it can be shared as it is.
    const address = quizHref(params.level, seed);
    if (location.pathname + location.search !== address) history.replaceState(null, '', address);
    this.#seed = seed;
    const network = generateNetwork(params.level, seed);
    const report = analyzeNetwork(network);
    if (!report.ok) {
      this.#status(`This network could not be built (seed ${seed}); please try another one.`);
      return;
    }
    this.#model = { level: params.level, network, report: report.value };
    this.#render(params.version !== GENERATOR_VERSION);
    this.#keepDrafts(drafts.key(params.level, seed));
    this.#find<HTMLFormElement>('[data-answers]').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#check();
    });
    this.#find('[data-retry]').addEventListener('click', () => this.#retry());
    this.#find('[data-reset-tally]').addEventListener('click', () => {
      saveTally(storage(), { results: {} });
      this.#showTally();
    });
    window.addEventListener('storage', (event) => {
      if (event.key === TALLY_KEY) this.#showTally();
    });
    this.#showTally();
    this.dataset['ready'] = '';
  }

  /** Puts back what was typed before a reload, and saves every keystroke from now on. */
  #keepDrafts(key: string) {
    const form = this.#find<HTMLFormElement>('[data-answers]');
    for (const [id, value] of Object.entries(drafts.load(key))) {
      const input = form.querySelector<HTMLInputElement>(`input#${CSS.escape(id)}`);
      if (input) input.value = value;
    }
    form.addEventListener('input', () => {
      const values = [...form.querySelectorAll('input')].map((input) => [input.id, input.value] as const);
      drafts.save(key, Object.fromEntries(values.filter(([, value]) => value !== '')));
    });
    this.#find('[data-retry]').addEventListener('click', () => drafts.save(key, null));
  }

  #render(newerLink: boolean) {
    const model = this.#model;
    if (!model) return;
    const { level } = model;
    this.#find<HTMLSelectElement>('#quiz-level').value = String(level);
    this.#find<HTMLInputElement>('#quiz-seed').value = this.#seed;
    this.#find('[data-network-heading]').textContent = `Level ${level}: ${LEVEL_TITLES[level]}`;
    const layers = model.network.layers.length;
    this.#find('[data-network-summary]').textContent =
      `Network “${this.#seed}”: an input of ${model.network.input.join('×')} and ${layers} layers. ` +
      `Its address gives anyone the same network.` +
      (newerLink ? ' (The link you followed was made by a different version of the quiz.)' : '');
    this.#find<HTMLAnchorElement>('[data-next]').href = quizHref(level, randomSeed());
    this.#drawDiagram(null);
    this.#find('[data-shape-hint]').hidden = !asksShapes(level);
    this.#find('[data-shape-column]').hidden = !asksShapes(level);
    for (const group of this.querySelectorAll('tbody.layer')) group.remove();
    this.#find('[data-answers] thead').insertAdjacentHTML('afterend', layerRows(model));
    this.#find('[data-total]').innerHTML = totalRow(level);
  }

  /** Draws the picture; before checking it hides what the learner is asked. */
  #drawDiagram(scored: ScoreReport | null) {
    const model = this.#model;
    if (!model) return;
    const shapes = scored || !asksShapes(model.level) ? 'all' : 'input';
    const counts = scored !== null;
    const network = scored ?? model.report;
    const title = `Diagram of the network: ${describeDiagram(network, { shapes, counts })}`;
    this.#find('[data-diagram]').innerHTML = networkDiagram(network, { id: 'quiz-diagram', title, shapes, counts });
  }

  #inputs() {
    const model = this.#model;
    const input = (id: string) => this.querySelector<HTMLInputElement>(`#${id}`);
    return (model?.network.layers ?? []).map((_, i) => ({ count: input(`count-${i}`), shape: input(`shape-${i}`) }));
  }

  /** Reads every field; marks the ones that cannot be sent and returns null if any. */
  #readAnswers(): ScoreBody['answers'] | null {
    const model = this.#model;
    if (!model) return null;
    const invalid: HTMLInputElement[] = [];
    const read = <T>(input: HTMLInputElement | null, reader: (text: string) => Reading<T>): T | null => {
      if (!input) return null;
      const reading = reader(input.value);
      const error = this.querySelector(`#${input.id}-error`);
      if (reading.kind === 'invalid') {
        invalid.push(input);
        input.setAttribute('aria-invalid', 'true');
        if (error) error.textContent = reading.message;
        return null;
      }
      input.removeAttribute('aria-invalid');
      if (error) error.textContent = '';
      return reading.kind === 'ok' ? reading.value : null;
    };
    const fields = this.#inputs();
    const layers = fields.map((f) => read(f.count, readCount));
    const outputShapes = fields.map((f) => read(f.shape, readShape));
    const total = read(this.querySelector<HTMLInputElement>('#count-total'), readCount);
    if (invalid.length > 0) {
      const n = invalid.length;
      this.#status(
        `${n === 1 ? 'One answer needs' : `${n} answers need`} fixing before checking: see the message under it.`,
      );
      invalid[0]?.focus();
      return null;
    }
    return { layers, total, ...(asksShapes(model.level) && { outputShapes }) };
  }

  async #check() {
    const model = this.#model;
    if (!model || this.#busy) return;
    this.#error('');
    const answers = this.#readAnswers();
    if (!answers) return;
    const button = this.#find<HTMLButtonElement>('[data-check]');
    const form = this.#find<HTMLFormElement>('[data-answers]');
    this.#busy = true;
    button.disabled = true;
    button.textContent = 'Checking…';
    form.setAttribute('aria-busy', 'true');
    this.#status('Checking your answers…');
    const controller = new AbortController();
    const slow = setTimeout(
      () => this.#status('Still checking: the server is slow today. Your answers are safe.'),
      SLOW_MS,
    );
    const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const outcome = await requestScore({ network: model.network, answers }, { signal: controller.signal });
    clearTimeout(slow);
    clearTimeout(timeout);
    this.#busy = false;
    button.disabled = false;
    button.textContent = 'Check my answers';
    form.removeAttribute('aria-busy');
    if (!outcome.ok) {
      this.#status('');
      this.#error(outcome.message);
      return;
    }
    this.#showResults(outcome.report);
  }

  #showResults(scored: ScoreReport) {
    const model = this.#model;
    if (!model) return;
    const wrong: number[] = [];
    scored.layers.forEach((layer, i) => {
      const group = this.querySelector(`tbody[data-layer="${i}"]`);
      const feedback = this.querySelector(`#feedback-${i}`);
      if (!group || !feedback) return;
      feedback.innerHTML = layerFeedback(layer, model.level);
      const correct = layerCorrect(layer, model.level);
      if (!correct) wrong.push(i + 1);
      group.classList.toggle('is-correct', correct);
      group.classList.toggle('is-wrong', !correct);
      const inputShape = group.querySelector('[data-input-shape]');
      if (inputShape) inputShape.textContent = layer.inputShape.join('×');
      const fields = this.#inputs()[i];
      this.#describe(fields?.count ?? null, `feedback-${i}`, layer.answer ? !layer.answer.correct : null);
      this.#describe(
        fields?.shape ?? null,
        `feedback-${i}`,
        layer.outputShapeAnswer ? !layer.outputShapeAnswer.correct : null,
      );
      (feedback.closest('.feedback-row') as HTMLElement | null)?.removeAttribute('hidden');
    });
    const totalBox = this.querySelector('#feedback-total');
    if (totalBox) {
      totalBox.innerHTML = totalFeedback(scored.total);
      (totalBox.closest('.feedback-row') as HTMLElement | null)?.removeAttribute('hidden');
    }
    this.#describe(
      this.querySelector<HTMLInputElement>('#count-total'),
      'feedback-total',
      scored.total.answer ? !scored.total.answer.correct : null,
    );
    this.#drawDiagram(scored);
    this.#find('[data-snippet-code]').textContent = kerasSnippet(model.network, model.report);
    this.#find('[data-snippet]').hidden = false;
    const score = scored.score ?? { correct: 0, answered: 0, possible: 0 };
    const full = score.correct === score.possible;
    const layersText =
      wrong.length === 0 ? '' : ` Look again at layer${wrong.length > 1 ? 's' : ''} ${wrong.join(', ')}.`;
    this.#find('[data-score]').innerHTML =
      `<strong>${score.correct} / ${score.possible}</strong> ${full ? 'Full marks!' : 'correct'}`;
    this.#find('[data-score]').hidden = false;
    this.#status(
      `Score: ${score.correct} of ${score.possible} correct${full ? ', full marks' : ''}.` +
        (score.answered < score.possible ? ` ${score.possible - score.answered} left unanswered.` : '') +
        layersText,
    );
    const tally = withResult(loadTally(storage()), `${model.level}/${this.#seed}`, {
      level: model.level,
      correct: score.correct,
      possible: score.possible,
    });
    saveTally(storage(), tally);
    this.#showTally();
  }

  /** Points a field at its feedback and marks it wrong (true), right (false) or unanswered (null). */
  #describe(input: HTMLInputElement | null, feedbackId: string, wrong: boolean | null) {
    if (!input) return;
    input.setAttribute('aria-describedby', `${input.id}-error ${feedbackId}`);
    if (wrong) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  #retry() {
    const model = this.#model;
    if (!model) return;
    this.#find('[data-score]').hidden = true;
    this.#find('[data-snippet]').hidden = true;
    this.#error('');
    this.#render(false);
    this.#status('Answers cleared: the same network, a fresh start.');
    this.querySelector<HTMLInputElement>('#count-0')?.focus();
  }

  #showTally() {
    this.#find('[data-tally]').textContent = tallyText(loadTally(storage()));
  }

  #status(text: string) {
    this.#find('[data-status]').textContent = text;
  }

  #error(text: string) {
    this.#find('[data-error]').textContent = text;
  }
}

customElements.define('param-quiz', ParamQuiz);
