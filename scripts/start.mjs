// `npm start`: builds the site and serves the production build plus /api/score
// through Netlify's own local emulation (netlify serve --offline), on PORT (default 8888).
import { runNetlify } from './netlify.mjs';

const port = process.env.PORT ?? '8888';
process.exitCode = await runNetlify(['serve', '--offline', '--port', port]);
