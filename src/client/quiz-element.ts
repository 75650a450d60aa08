import { analyzeNetwork } from '../domain/analyze-network';
import type { Convention } from '../domain/layer-rules';
import {
  GENERATOR_VERSION,
  generateNetwork,
  LEVEL_TITLES,
  type GeneratorVersion,
  type QuizLevel,
} from '../domain/quiz-generator';
import { keepDrafts, saveDrafts } from './quiz-drafts';
import { QuizForm } from './quiz-form';
import { parseQuizParams, quizHref, readConvention, seedFrom } from './quiz-params';
import { asksShapes, branchingNote, inputText, type QuizModel } from './quiz-view';
import { loadTally, saveTally, tallyText, withResult, TALLY_KEY } from './tally';

const randomSeed = () => seedFrom(crypto.getRandomValues(new Uint32Array(1))[0] ?? 0);

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/**
 * `<param-quiz>`: enhances the server-rendered quiz page. It builds the network of the
 * URL's level and seed with the domain core, shows it, sends the answers to /api/score
 * (by the chosen convention, Keras's or PyTorch's) and shows the verdicts. Nothing is graded in the browser.
 */
class ParamQuiz extends HTMLElement {
  #model: QuizModel | null = null;
  #level: QuizLevel = 1;
  #version: GeneratorVersion = GENERATOR_VERSION;
  #seed = '';
  #convention: Convention = 'keras';
  #checked = false;
  #form = new QuizForm(this);

  connectedCallback() {
    const params = parseQuizParams(location.search);
    const seed = params.seed ?? randomSeed();
    this.#level = params.level;
    this.#version = params.version;
    this.#seed = seed;
    this.#convention = params.convention;
    // The address always names the network shown, in its clean form, so it can be shared as it is.
    this.#keepAddress();
    const network = generateNetwork(params.version, params.level, seed);
    const report = analyzeNetwork(network);
    if (!report.ok) {
      this.#form.status(`This network could not be built (seed ${seed}); please try another one.`);
      return;
    }
    this.#model = { level: params.level, network, report: report.value, shapes: asksShapes(params.level) };
    this.#render(params.unknownVersion);
    const draftKey = `learnable.draft.v1:${this.#networkKey()}`;
    keepDrafts(this.#form.form, draftKey);
    this.#form.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#check();
    });
    this.#form.find('[data-retry]').addEventListener('click', () => {
      saveDrafts(draftKey, null);
      this.#retry();
    });
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[name="convention"]')) {
      radio.addEventListener('change', () => this.#switchConvention(readConvention(radio.value)));
    }
    this.#form.find('[data-reset-tally]').addEventListener('click', () => {
      saveTally(storage(), { results: {} });
      this.#showTally();
    });
    window.addEventListener('storage', (event) => {
      if (event.key === TALLY_KEY) this.#showTally();
    });
    this.#showTally();
    this.dataset['ready'] = '';
  }

  /** The network's key in drafts and the tally: `2/k3j9x` for version 1 (as it always was), `v2/2/k3j9x` after. */
  #networkKey() {
    const key = `${this.#level}/${this.#seed}`;
    return this.#version === 1 ? key : `v${this.#version}/${key}`;
  }

  #keepAddress() {
    const address = quizHref(this.#level, this.#seed, this.#convention, this.#version);
    if (location.pathname + location.search !== address) history.replaceState(null, '', address);
  }

  #render(newerLink: boolean) {
    const model = this.#model;
    if (!model) return;
    const { level } = model;
    this.#form.find<HTMLSelectElement>('#quiz-level').value = String(level);
    this.#form.find<HTMLInputElement>('#quiz-seed').value = this.#seed;
    this.#form.find('[data-network-heading]').textContent = `Level ${level}: ${LEVEL_TITLES[level]}`;
    const layers = model.network.layers.length;
    this.#form.find('[data-network-summary]').textContent =
      `Network “${this.#seed}”: an input of ${inputText(model.network.input)} and ${layers} layers.` +
      `${branchingNote(model.report)} Its address gives anyone the same network.` +
      (newerLink ? ' (The link you followed was made by a different version of the quiz.)' : '');
    this.#form.show(model);
    this.#showConvention();
    this.#checked = false;
  }

  /** Marks the chosen convention everywhere it shows: the switch, the hint and the next network's link. */
  #showConvention() {
    const model = this.#model;
    if (!model) return;
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[name="convention"]')) {
      radio.checked = radio.value === this.#convention;
    }
    this.#form.showConvention(this.#convention);
    this.#form.find<HTMLAnchorElement>('[data-next]').href = quizHref(model.level, randomSeed(), this.#convention);
  }

  /** A new convention is kept in the address; answers already checked are checked again by its rules. */
  #switchConvention(convention: Convention) {
    if (convention === this.#convention) return;
    this.#convention = convention;
    this.#keepAddress();
    this.#showConvention();
    if (this.#checked) void this.#check();
  }

  async #check() {
    const model = this.#model;
    if (!model || this.#form.busy) return;
    const convention = this.#convention;
    const checked = await this.#form.check({ network: model.network, convention });
    if (!checked) return;
    this.#checked = true;
    // The switch moved while the answers were on their way: check again by the rules now chosen.
    if (convention !== this.#convention) {
      void this.#check();
      return;
    }
    const tally = withResult(loadTally(storage()), this.#networkKey(), {
      level: model.level,
      correct: checked.correct,
      possible: checked.possible,
    });
    saveTally(storage(), tally);
    this.#showTally();
  }

  #retry() {
    if (!this.#model) return;
    this.#render(false);
    this.#form.status('Answers cleared: the same network, a fresh start.');
    this.querySelector<HTMLInputElement>('#count-0')?.focus();
  }

  #showTally() {
    this.#form.find('[data-tally]').textContent = tallyText(loadTally(storage()));
  }
}

customElements.define('param-quiz', ParamQuiz);
