// `npm run netlify`: builds the site and serves the production build plus the functions through
// Netlify's own local emulation (netlify serve --offline), on PORT (default 8888). It is the check
// that the Netlify binding (netlify/functions/, netlify.toml) still works; `npm start` is the server
// to use (src/server/), because this emulation does not hold a classroom's load.
import { runNetlify } from './netlify.mjs';

const port = process.env.PORT ?? '8888';
process.exitCode = await runNetlify(['serve', '--offline', '--port', port]);
