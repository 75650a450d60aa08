import { analyzeNetwork, type NetworkReport } from '../domain/analyze-network';
import { kerasSnippet, pytorchSnippet } from '../domain/code-export';
import { inputShapesText } from '../domain/layer-inputs';
import type { Convention } from '../domain/layer-rules';
import { describeDiagram, networkDiagram } from '../domain/network-diagram';
import { showDiagram } from './diagram-toggles';
import type { ScoreReport } from '../domain/score-answers';
import { readCount, readShape, type Reading } from './answers';
import {
  axesHint,
  conventionHint,
  conventionNote,
  differingLayers,
  layerCorrect,
  layerFeedback,
  layerRows,
  shapeHint,
  slipFieldOf,
  followsOnly,
  hintHtml,
  lookField,
  totalFeedback,
  scoreStatement,
  totalRow,
  type DifferingLayer,
  type LookAgain,
  type QuizModel,
} from './quiz-view';
import { escapeMarkup as escape } from '../domain/escape-markup';
import { requestScore, type ScoreSubject, type TypedAnswers } from './score-client';
import type { Slip } from './tally';
import type { LessonLinks } from '../content/lesson-links';

/** The lesson's sections by layer type, as the page lists them (`data-lessons` on the answers form). */
function readLessons(root: HTMLElement): LessonLinks {
  try {
    const data: unknown = JSON.parse(root.querySelector<HTMLElement>('[data-lessons]')?.dataset['lessons'] ?? '{}');
    return data && typeof data === 'object' ? (data as LessonLinks) : {};
  } catch {
    return {};
  }
}

/** After this long, the learner is told the check is slow; after `TIMEOUT_MS` it is given up. */
const SLOW_MS = 2500;
const TIMEOUT_MS = 15_000;

/** One check's score, the layers (numbered from 1) that were not all right, and the mistakes named. */
export interface Checked {
  correct: number;
  answered: number;
  possible: number;
  wrong: number[];
  slips: Slip[];
}

/** The mistakes a check named, one per wrong answer (its first), leaving out answers that follow from a slip. */
function slipsOf(scored: ScoreReport): Slip[] {
  const first = (
    verdict:
      | { correct: boolean; carriedForward?: true | undefined; mistakes?: { code: Slip['code'] }[] | undefined }
      | undefined,
  ) => (verdict && !verdict.correct && !verdict.carriedForward ? verdict.mistakes?.[0]?.code : undefined);
  const slips: Slip[] = [];
  for (const layer of scored.layers) {
    for (const code of [first(layer.answer), first(layer.outputShapeAnswer)])
      if (code) slips.push({ code, type: layer.type });
  }
  const total = first(scored.total.answer);
  if (total) slips.push({ code: total });
  return slips;
}

/**
 * The answers form of one network, shared by the quiz and a practice set's student page:
 * it lays out the network's fields (QuizAnswers.astro), reads and marks them, sends them
 * to /api/score and shows the verdicts, the worked arithmetic and the "check it yourself" code.
 */
export class QuizForm {
  readonly #root: HTMLElement;
  #model: QuizModel | null = null;
  /** The network counted by PyTorch's rules (null where PyTorch cannot build it), and what that changes. */
  #pytorch: NetworkReport | null = null;
  #differing: DifferingLayer[] = [];
  #busy = false;
  /** The learner said to check with nothing typed, which shows every answer. */
  #emptyConfirmed = false;
  /** Where the lesson teaches each layer type (from the page, built with the lesson). */
  readonly #lessons: LessonLinks;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#lessons = readLessons(root);
    root.addEventListener('click', (event) => {
      const hint = event.target instanceof Element ? event.target.closest('button[data-hint]') : null;
      if (hint instanceof HTMLButtonElement) this.#toggleHint(hint);
      const confirm = event.target instanceof Element ? event.target.closest('[data-empty-confirm] button') : null;
      if (confirm instanceof HTMLButtonElement) this.#answerEmpty(confirm.hasAttribute('data-show-all'));
      const button = event.target instanceof Element ? event.target.closest('button[data-copy]') : null;
      if (button instanceof HTMLButtonElement) void this.#copy(button);
      // A layer named in the score: its field takes the focus (a fragment link alone would only scroll there).
      const link = event.target instanceof Element ? event.target.closest('a[data-field]') : null;
      const field =
        link instanceof HTMLAnchorElement ? this.#root.querySelector(`#${link.dataset['field'] ?? ''}`) : null;
      if (field instanceof HTMLInputElement) {
        event.preventDefault();
        field.focus({ preventScroll: true });
        field.scrollIntoView({ block: 'center' });
      }
    });
  }

  find<T extends HTMLElement = HTMLElement>(selector: string): T {
    const element = this.#root.querySelector<T>(selector);
    if (!element) throw new Error(`${this.#root.localName} needs ${selector}`);
    return element;
  }

  get busy() {
    return this.#busy;
  }

  get form() {
    return this.find<HTMLFormElement>('[data-answers]');
  }

  /** Opens or closes a layer's hint: its formula with the learner's numbers blank. */
  #toggleHint(button: HTMLButtonElement) {
    const i = Number(button.dataset['hint']);
    const model = this.#model;
    const box = this.#root.querySelector<HTMLElement>(`#hint-${i}`);
    const layer = model?.report.layers[i];
    if (!model || !box || !layer) return;
    const open = button.getAttribute('aria-expanded') !== 'true';
    if (open) box.innerHTML = hintHtml(layer, model.network.layers[i], model.shapes);
    box.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
    const row = box.closest<HTMLElement>('.feedback-row');
    const feedback = this.#root.querySelector(`#feedback-${i}`);
    if (row) row.hidden = !open && !feedback?.hasChildNodes();
  }

  /** The learner's choice on checking with nothing typed: show every answer, or keep working. */
  #answerEmpty(showAll: boolean) {
    this.find('[data-empty-confirm]').hidden = true;
    if (showAll) {
      this.#emptyConfirmed = true;
      this.form.requestSubmit();
    } else {
      this.status('');
      this.#root.querySelector<HTMLInputElement>('#count-0')?.focus();
    }
  }

  /** Takes away the verdicts of an earlier check, so that none is read as the verdict on what is typed now. */
  #clearVerdicts() {
    for (const group of this.#root.querySelectorAll('tbody.layer')) group.classList.remove('is-correct', 'is-wrong');
    for (const box of this.#root.querySelectorAll<HTMLElement>('.feedback')) {
      box.innerHTML = '';
      const row = box.closest<HTMLElement>('.feedback-row');
      const hint = row?.querySelector<HTMLElement>('.hint-box');
      if (row) row.hidden = !hint || hint.hidden;
    }
    for (const input of this.form.querySelectorAll('input')) {
      input.setAttribute('aria-describedby', `${input.id}-error`);
    }
    this.find('[data-snippets]').hidden = true;
    this.drawDiagram(null);
  }

  /** Lays out a network's empty fields and forgets any earlier verdicts. */
  show(model: QuizModel) {
    this.#model = model;
    const pytorch = analyzeNetwork(model.network, 'pytorch');
    this.#pytorch = pytorch.ok ? pytorch.value : null;
    this.#differing = this.#pytorch ? differingLayers(model.report, this.#pytorch) : [];
    this.drawDiagram(null);
    this.showConvention('keras');
    const shapeHintBox = this.find('[data-shape-hint]');
    shapeHintBox.textContent = shapeHint(model.network.input.length);
    shapeHintBox.hidden = !model.shapes;
    const axes = axesHint(model.network);
    const axesBox = this.find('[data-axes-hint]');
    axesBox.textContent = axes ?? '';
    axesBox.hidden = axes === null;
    this.find('[data-shape-column]').hidden = !model.shapes;
    for (const group of this.#root.querySelectorAll('tbody.layer')) group.remove();
    this.find('[data-answers] thead').insertAdjacentHTML('afterend', layerRows(model));
    this.find('[data-total]').innerHTML = totalRow(model.shapes);
    this.find('[data-snippets]').hidden = true;
    this.find('[data-empty-confirm]').hidden = true;
    this.#emptyConfirmed = false;
    this.status('');
    this.lock(false);
    this.error('');
  }

  /** Says which count to type by `convention`'s rules, for the layer types of this network that depend on it. */
  showConvention(convention: Convention) {
    this.find('[data-convention-hint]').innerHTML = conventionHint(
      convention,
      this.#differing.map((layer) => layer.type),
    );
  }

  /** Draws the picture; before checking it hides what the learner is asked. */
  drawDiagram(scored: ScoreReport | null) {
    const model = this.#model;
    if (!model) return;
    // Before checking, only the input: every other shape is something the learner works out (at level 1 too,
    // where the flatten's size is what the dense count depends on).
    const shapes = scored ? 'all' : 'input';
    const counts = scored !== null;
    const network = scored ?? model.report;
    showDiagram(
      this.find('[data-diagram]'),
      (open) => {
        const title = `Diagram of the network: ${describeDiagram(network, { shapes, counts, open })}`;
        return networkDiagram(network, { id: 'quiz-diagram', title, shapes, counts, interactive: true, open });
      },
      model,
    );
  }

  /** Makes the fields read-only and hides the check button (a practice set is answered once), or undoes it. */
  lock(locked: boolean) {
    for (const input of this.form.querySelectorAll('input')) input.readOnly = locked;
    this.find('[data-check]').hidden = locked;
    for (const hint of this.form.querySelectorAll<HTMLElement>('[data-hint]')) hint.hidden = locked;
  }

  #inputs() {
    const input = (id: string) => this.#root.querySelector<HTMLInputElement>(`#${id}`);
    return (this.#model?.network.layers ?? []).map((_, i) => ({
      count: input(`count-${i}`),
      shape: input(`shape-${i}`),
    }));
  }

  /** Reads every field; marks the ones that cannot be sent and returns null if any. */
  read(): TypedAnswers | null {
    const model = this.#model;
    if (!model) return null;
    const invalid: HTMLInputElement[] = [];
    const read = <T>(input: HTMLInputElement | null, reader: (text: string) => Reading<T>): T | null => {
      if (!input) return null;
      const reading = reader(input.value);
      const error = this.#root.querySelector(`#${input.id}-error`);
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
    const total = read(this.#root.querySelector<HTMLInputElement>('#count-total'), readCount);
    if (invalid.length > 0) {
      this.#clearVerdicts();
      const n = invalid.length;
      this.status(
        `${n === 1 ? 'One answer needs' : `${n} answers need`} fixing before checking: see the message under it.`,
      );
      invalid[0]?.focus();
      return null;
    }
    return { layers, total, ...(model.shapes && { outputShapes }) };
  }

  /**
   * Reads the answers and sends them with `subject` (the network, or a practice set's
   * reference, and the convention); shows the verdicts and returns the score, or null
   * when nothing could be checked (the fields or the message say why).
   */
  async check(subject: ScoreSubject): Promise<Checked | null> {
    if (!this.#model || this.#busy) return null;
    this.error('');
    const answers = this.read();
    if (!answers) return null;
    const typed = [...answers.layers, answers.total, ...(answers.outputShapes ?? [])].some((a) => a !== null);
    if (!typed && !this.#emptyConfirmed) {
      // Checking shows every answer: with nothing typed, ask first.
      this.status('');
      const ask = this.find('[data-empty-confirm]');
      ask.hidden = false;
      ask.querySelector<HTMLButtonElement>('[data-keep-working]')?.focus();
      return null;
    }
    this.#emptyConfirmed = false;
    this.find('[data-empty-confirm]').hidden = true;
    const button = this.find<HTMLButtonElement>('[data-check]');
    const form = this.form;
    this.#busy = true;
    button.disabled = true;
    button.textContent = 'Checking…';
    form.setAttribute('aria-busy', 'true');
    this.status('Checking your answers…');
    const controller = new AbortController();
    const slow = setTimeout(
      () => this.status('Still checking: the server is slow today. Your answers are safe.'),
      SLOW_MS,
    );
    const timeout = setTimeout(() => controller.abort(), TIMEOUT_MS);
    const outcome = await requestScore({ ...subject, answers }, { signal: controller.signal });
    clearTimeout(slow);
    clearTimeout(timeout);
    this.#busy = false;
    button.disabled = false;
    button.textContent = 'Check my answers';
    form.removeAttribute('aria-busy');
    if (!outcome.ok) {
      this.status('');
      this.error(outcome.message);
      return null;
    }
    return this.#showResults(outcome.report);
  }

  /** Shows verdicts the server gave elsewhere (an assignment's submission) as a check shows its own. */
  showScored(scored: ScoreReport): Checked {
    return this.#showResults(scored);
  }

  #showResults(scored: ScoreReport): Checked {
    const model = this.#model;
    const score = scored.score ?? { correct: 0, answered: 0, possible: 0 };
    const wrong: number[] = [];
    const look: LookAgain[] = [];
    const slips = slipsOf(scored);
    if (!model) return { ...score, wrong, slips };
    const slipField = slipFieldOf(scored);
    scored.layers.forEach((layer, i) => {
      const group = this.#root.querySelector(`tbody[data-layer="${i}"]`);
      const feedback = this.#root.querySelector(`#feedback-${i}`);
      if (!group || !feedback) return;
      feedback.innerHTML = layerFeedback(layer, model.shapes, slipField, this.#lessons);
      const correct = layerCorrect(layer, model.shapes);
      if (!correct) {
        wrong.push(i + 1);
        // A layer whose wrong answers all follow from an earlier slip is put right by putting that slip right.
        if (!followsOnly(layer)) look.push({ layer: i + 1, field: lookField(layer, i, model.shapes) });
      }
      group.classList.toggle('is-correct', correct);
      group.classList.toggle('is-wrong', !correct);
      const inputShape = group.querySelector('[data-input-shape]');
      // Every shape a merge takes, not only its first.
      if (inputShape) inputShape.textContent = inputShapesText(layer);
      const fields = this.#inputs()[i];
      this.#describe(fields?.count ?? null, `feedback-${i}`, layer.answer ? !layer.answer.correct : null);
      this.#describe(
        fields?.shape ?? null,
        `feedback-${i}`,
        layer.outputShapeAnswer ? !layer.outputShapeAnswer.correct : null,
      );
      (feedback.closest('.feedback-row') as HTMLElement | null)?.removeAttribute('hidden');
    });
    const totalBox = this.#root.querySelector('#feedback-total');
    if (totalBox) {
      totalBox.innerHTML = totalFeedback(scored.total, slipField);
      (totalBox.closest('.feedback-row') as HTMLElement | null)?.removeAttribute('hidden');
    }
    this.#describe(
      this.#root.querySelector<HTMLInputElement>('#count-total'),
      'feedback-total',
      scored.total.answer ? !scored.total.answer.correct : null,
    );
    this.drawDiagram(scored);
    this.#showSnippets(model);
    // One statement, in the status region so that it is announced: the score, what to look at again, and by which rules.
    this.find('[data-status]').innerHTML =
      `<p class="score">${scoreStatement(score, look, !!scored.total.answer && !scored.total.answer.correct && !scored.total.answer.carriedForward)}</p>` +
      `<p class="convention-note">${escape(conventionNote(scored.convention, this.#differing))}</p>`;
    // The answers are shown now: a hint has nothing left to give.
    for (const hint of this.form.querySelectorAll<HTMLElement>('[data-hint]')) {
      hint.hidden = true;
      hint.setAttribute('aria-expanded', 'false');
    }
    for (const box of this.form.querySelectorAll<HTMLElement>('.hint-box')) box.hidden = true;
    return { ...score, wrong, slips };
  }

  /** The Keras and PyTorch scripts that rebuild this network, each with the count it prints. */
  #showSnippets(model: QuizModel) {
    const pytorch = this.#pytorch;
    this.find('[data-snippet-code="keras"]').textContent = kerasSnippet(model.network, model.report);
    this.find('[data-snippet="pytorch"]').hidden = !pytorch;
    if (pytorch) {
      this.find('[data-snippet-code="pytorch"]').textContent = pytorchSnippet(model.network, model.report, pytorch);
    }
    this.find('[data-snippets]').hidden = false;
  }

  async #copy(button: HTMLButtonElement) {
    const code = this.find(`[data-snippet-code="${button.dataset['copy'] ?? ''}"]`);
    const said = button.parentElement?.querySelector('[data-copy-status]');
    const say = (text: string) => {
      if (!said) return;
      said.textContent = text;
      setTimeout(() => {
        if (said.textContent === text) said.textContent = '';
      }, 4000);
    };
    try {
      await navigator.clipboard.writeText(code.textContent ?? '');
      say('Copied.');
    } catch {
      // No clipboard permission (or an old browser): select the code so Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      say('Selected: press Ctrl+C (⌘C) to copy.');
    }
  }

  /** Points a field at its feedback and marks it wrong (true), right (false) or unanswered (null). */
  #describe(input: HTMLInputElement | null, feedbackId: string, wrong: boolean | null) {
    if (!input) return;
    input.setAttribute('aria-describedby', `${input.id}-error ${feedbackId}`);
    if (wrong) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  status(text: string) {
    this.find('[data-status]').textContent = text;
  }

  error(text: string) {
    this.find('[data-error]').textContent = text;
  }
}
