import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { LAYER_TYPES, type LayerType } from './domain/layers';
import { isMistakeCode } from './domain/practice-target';
import { QUIZ_LEVELS } from './domain/quiz-generator';

/** The lesson, one MDX file per section; the home page shows them in `order`. */
const lesson = defineCollection({
  loader: glob({ pattern: '*.mdx', base: './src/content/lesson' }),
  schema: z.object({
    title: z.string(),
    order: z.number().int(),
    /** The quiz level that practises this section; its closing link opens that level (4 exists from version 2). */
    quizLevel: z.literal(QUIZ_LEVELS),
    /** What the section's practice box practises, finishing "Practise …": "layers without bias". Each is its own. */
    skill: z.string(),
    /** What the closing link promises, in a sentence: "Networks like this one, with fresh numbers every time." */
    practice: z.string(),
    /** The layer types this section teaches: a quiz verdict on one of them links here (the first section naming it). */
    teaches: z.array(z.enum(LAYER_TYPES as [LayerType, ...LayerType[]])).default([]),
    /**
     * What the practice link's quiz must contain: a layer type and, optionally, the opportunity for one mistake
     * (`mistake: biases-for-layer-without-bias`); checked at build time against the section's quiz level.
     */
    practise: z
      .object({
        layer: z.enum(LAYER_TYPES as [LayerType, ...LayerType[]]),
        mistake: z.string().refine(isMistakeCode, { message: 'not a mistake code' }).optional(),
      })
      .optional(),
  }),
});

export const collections = { lesson };
