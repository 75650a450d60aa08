import * as z from 'zod';

// zod compiles its object parsers with eval when it can, and probes for eval as each schema is built;
// the site's Content-Security-Policy forbids eval. Import this module before any module that builds a schema.
z.config({ jitless: true });
