// @ts-check
import mdx from '@astrojs/mdx';
import { createHash } from 'node:crypto';
import { defineConfig } from 'astro/config';
import { LAYER_ORDER } from './src/styles/layer-order.mjs';

// A static site: Netlify serves dist/ and bundles netlify/functions/ by itself,
// so no adapter (and no catch-all SSR function) is needed.
export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  integrations: [mdx()],
  // One small stylesheet for the whole site: inline it and save a render-blocking request.
  build: { inlineStylesheets: 'always' },
  security: {
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // The one inline style Astro does not hash itself: the layer order (src/styles/layer-order.mjs).
      styleDirective: { hashes: [`sha256-${createHash('sha256').update(LAYER_ORDER).digest('base64')}`] },
    },
  },
});
