import { analyzeNetwork } from '../domain/analyze-network';
import type { Convention } from '../domain/layer-rules';
import {
  GENERATOR_VERSION,
  generateNetwork,
  isQuizLevel,
  LEVEL_TITLES,
  type GeneratorVersion,
  type QuizLevel,
} from '../domain/quiz-generator';
import { practiceSeed, type PracticeTarget } from '../domain/practice-target';
import { escapeMarkup as escape } from '../domain/escape-markup';
import { keepDrafts, saveDrafts } from './quiz-drafts';
import { QuizForm } from './quiz-form';
import { parseQuizParams, quizHref, readConvention, seedFrom } from './quiz-params';
import { asksShapes, branchingNote, inputText, type QuizModel } from './quiz-view';
import {
  loadTally,
  saveTally,
  tallyText,
  weakSpots,
  weakSpotText,
  withResult,
  TALLY_KEY,
  WEAK_SPOT_NETWORKS,
} from './tally';

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
  /** What every network of this quiz contains, when a lesson or a weak spot asked for it. */
  #target: PracticeTarget | null = null;
  #checked = false;
  #form = new QuizForm(this);

  connectedCallback() {
    const params = parseQuizParams(location.search);
    this.#target = params.target;
    // A practice link names a layer and maybe a mistake, not a seed: find a network that has them.
    const found =
      !params.seed && params.target ? practiceSeed(params.version, params.level, randomSeed(), params.target) : null;
    const seed = params.seed ?? found ?? randomSeed();
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
    if (params.target && !params.seed && !found) {
      this.#form.status(
        `No level ${params.level} network with that layer could be found for practice; here is another network.`,
      );
    }
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
    const address = quizHref(this.#level, this.#seed, this.#convention, this.#version, this.#target);
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
    // Practising a layer, the next network is found for it too.
    this.#form.find<HTMLAnchorElement>('[data-next]').href = this.#target
      ? quizHref(model.level, null, this.#convention, GENERATOR_VERSION, this.#target)
      : quizHref(model.level, randomSeed(), this.#convention);
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
      slips: checked.slips,
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
    const tally = loadTally(storage());
    this.#form.find('[data-tally]').textContent = tallyText(tally);
    // The mistakes of the latest networks, each with a quiz made to practise it.
    const spots = weakSpots(tally);
    const networks = Math.min(WEAK_SPOT_NETWORKS, Object.keys(tally.results).length);
    this.#form.find('[data-weak-spots]').hidden = spots.length === 0;
    this.#form.find('[data-weak-list]').innerHTML = spots
      .map((spot) => {
        const level = isQuizLevel(spot.level) ? spot.level : 1;
        const practise = spot.type
          ? ` <a href="${escape(quizHref(level, null, 'keras', GENERATOR_VERSION, { type: spot.type, mistake: spot.code }))}">Practise this</a>`
          : '';
        return `<li>${escape(weakSpotText(spot, networks))}.${practise}</li>`;
      })
      .join('');
  }
}

customElements.define('param-quiz', ParamQuiz);
