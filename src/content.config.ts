import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

/** The lesson, one MDX file per section; the home page shows them in `order`. */
const lesson = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './src/content/lesson' }),
  schema: z.object({
    title: z.string(),
    order: z.number().int(),
    /** The quiz level that practises this section; its closing link opens that level. */
    quizLevel: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    /** What the closing link promises, e.g. "networks like the classic one". */
    practice: z.string(),
  }),
});

export const collections = { lesson };
