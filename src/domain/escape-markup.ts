/**
 * Escapes text for HTML, SVG and XML, in content and in quoted attributes alike:
 * `escapeMarkup('a < b & "c"') → 'a &lt; b &amp; &quot;c&quot;'`.
 */
export function escapeMarkup(text: string): string {
  return text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
