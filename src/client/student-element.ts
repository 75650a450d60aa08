import { practiceItem, type PracticeItem } from '../domain/practice-set';
import { LEVEL_TITLES } from '../domain/quiz-generator';
import type { PracticeSetOptions } from '../domain/schema/practice-set';
import { practiceQuery, readPracticeParams } from './practice-params';
import { keepDrafts, saveDrafts } from './quiz-drafts';
import { QuizForm } from './quiz-form';
import { branchingNote, inputText } from './quiz-view';
import {
  nextIndex,
  progressKey,
  progressText,
  readProgress,
  setTotals,
  startProgress,
  totalsText,
  withScore,
  type SetProgress,
} from './student-progress';

const session = (): Storage | null => {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
};

const levelText = (level: PracticeSetOptions['level']) => (level === 'mix' ? 'mixed levels' : `level ${level}`);

/**
 * `<student-set>`: a practice set's networks, one after another, in the quiz's answers form.
 * Each network is made here from the set's address, only to show it; every answer is scored by
 * /api/score from the set's options and the network's index, so the server makes the network itself.
 */
class StudentSet extends HTMLElement {
  #form = new QuizForm(this);
  #options: PracticeSetOptions | null = null;
  #progress: SetProgress = startProgress(0);
  #item: PracticeItem | null = null;
  #stopDrafts: () => void = () => {};

  #find<T extends HTMLElement = HTMLElement>(selector: string): T {
    return this.#form.find<T>(selector);
  }

  connectedCallback() {
    const read = readPracticeParams(location.search);
    if (!read.ok) {
      this.#fail(
        `This practice-set link is not complete: ${read.error.map((p) => p.message).join('; ')}. ` +
          'Ask your teacher for the link again.',
      );
      return;
    }
    const options = read.value;
    this.#options = options;
    const n = options.count;
    this.#find('[data-set-summary]').textContent =
      `A set of ${n} network${n === 1 ? '' : 's'} (${levelText(options.level)}, set “${options.seed}”). ` +
      'Count the parameters of each one and check it; each network is checked once, then the next one comes. ' +
      'Your score over the whole set is shown at the end.';
    this.#progress = readProgress(session()?.getItem(this.#key) ?? null, n);
    this.#form.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.#check();
    });
    this.#find('[data-next-network]').addEventListener('click', () => this.#showNext(true));
    this.#find('[data-restart]').addEventListener('click', () => this.#restart());
    this.#showNext(false);
    this.dataset['ready'] = '';
  }

  get #key() {
    return progressKey(this.#options ? practiceQuery(this.#options) : '');
  }

  /** Shows the first network not yet checked, or the set's score when none is left. */
  #showNext(moveFocus: boolean) {
    const options = this.#options;
    if (!options) return;
    const index = nextIndex(this.#progress);
    if (index === null) {
      this.#showSummary(moveFocus);
      return;
    }
    const item = practiceItem(options, index);
    if (!item.ok) {
      this.#fail(`This practice set cannot be made: ${item.error.map((p) => p.message).join('; ')}.`);
      return;
    }
    this.#item = item.value;
    const { level, network, report } = item.value;
    this.#find('[data-body]').hidden = false;
    this.#find('[data-summary]').hidden = true;
    const heading = this.#find('[data-network-heading]');
    heading.textContent = progressText(index, options.count);
    const bar = this.#find<HTMLProgressElement>('[data-progress]');
    bar.max = options.count;
    bar.value = setTotals(this.#progress).checked;
    bar.textContent = `${bar.value} of ${options.count} checked`;
    this.#find('[data-network-summary]').textContent =
      `Level ${level}: ${LEVEL_TITLES[level]}. An input of ${inputText(network.input)} and ${network.layers.length} layers.` +
      branchingNote(report);
    this.#form.show({ level, network, report, shapes: options.askShapes });
    this.#find('[data-next-network]').hidden = true;
    this.#form.status('');
    this.#stopDrafts();
    this.#stopDrafts = keepDrafts(this.#form.form, this.#draftKey(index));
    if (moveFocus) {
      heading.focus();
      heading.scrollIntoView({ block: 'start' });
    }
  }

  #draftKey(index: number) {
    return `learnable.draft.v1:set/${this.#options ? practiceQuery(this.#options) : ''}/${index}`;
  }

  async #check() {
    const options = this.#options;
    const item = this.#item;
    if (!options || !item || this.#form.busy) return;
    const checked = await this.#form.check({ practiceSet: { ...options, index: item.index } });
    if (!checked) return;
    this.#progress = withScore(this.#progress, item.index, checked);
    try {
      session()?.setItem(this.#key, JSON.stringify(this.#progress));
    } catch {
      // Storage blocked: the set still works to its end in this page.
    }
    this.#stopDrafts();
    saveDrafts(this.#draftKey(item.index), null);
    this.#form.lock(true);
    const bar = this.#find<HTMLProgressElement>('[data-progress]');
    bar.value = setTotals(this.#progress).checked;
    bar.textContent = `${bar.value} of ${options.count} checked`;
    const next = this.#find('[data-next-network]');
    next.textContent = nextIndex(this.#progress) === null ? 'See your score on the set' : 'Next network';
    next.hidden = false;
    next.focus();
  }

  #showSummary(moveFocus: boolean) {
    const options = this.#options;
    if (!options) return;
    this.#find('[data-body]').hidden = true;
    const summary = this.#find('[data-summary]');
    summary.hidden = false;
    const rows = this.#progress.results.map((result, i) => {
      const item = practiceItem(options, i);
      const level = item.ok ? String(item.value.level) : '';
      const score = result ? `${result.correct} of ${result.possible}` : 'not checked';
      const full = result && result.correct === result.possible ? ' <span class="full-marks">full marks</span>' : '';
      return `<tr><th scope="row">Network ${i + 1}</th><td>${level}</td><td class="number">${score}${full}</td></tr>`;
    });
    this.#find('[data-summary-rows]').innerHTML = rows.join('');
    const totals = setTotals(this.#progress);
    this.#find('[data-summary-total]').textContent = `${totals.correct} of ${totals.possible}`;
    this.#find('[data-summary-text]').textContent = totalsText(totals);
    if (moveFocus) this.#find('[data-summary-heading]').focus();
  }

  #restart() {
    this.#progress = startProgress(this.#options?.count ?? 0);
    try {
      session()?.removeItem(this.#key);
    } catch {
      // Nothing stored to forget.
    }
    this.#showNext(true);
  }

  #fail(message: string) {
    this.#find('[data-body]').hidden = true;
    this.#find('[data-set-error]').textContent = message;
    this.dataset['ready'] = '';
  }
}

customElements.define('student-set', StudentSet);
