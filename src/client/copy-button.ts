/**
 * `<copy-button target="curl-example">`: enhances a server-rendered, hidden button that copies
 * the text of the element with that id (an input's value) to the clipboard, and says so.
 */
class CopyButton extends HTMLElement {
  #timer: ReturnType<typeof setTimeout> | undefined;

  connectedCallback() {
    const button = this.querySelector('button');
    if (!button) return;
    button.hidden = false;
    button.addEventListener('click', () => void this.#copy());
  }

  async #copy() {
    const source = document.getElementById(this.getAttribute('target') ?? '');
    if (!source) return;
    const text = source instanceof HTMLInputElement ? source.value : (source.textContent ?? '');
    try {
      await navigator.clipboard.writeText(text);
      this.#say('Copied');
    } catch {
      // No clipboard permission (or an old browser): select the text so Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents(source);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      if (source instanceof HTMLInputElement) source.select();
      this.#say('Selected: press Ctrl+C (⌘C) to copy');
    }
  }

  #say(text: string) {
    const status = this.querySelector('[role="status"]');
    if (!status) return;
    status.textContent = text;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => (status.textContent = ''), 4000);
  }
}

customElements.define('copy-button', CopyButton);
