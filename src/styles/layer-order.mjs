/**
 * The cascade's layer order, lowest first. Declared in an inline `<style>` before any stylesheet,
 * so that bundling order cannot change it; astro.config.mjs allows it in the CSP by its hash.
 */
export const LAYER_ORDER = '@layer base, page, components, print;';
