import { LAYER_TYPES, type LayerType } from '../domain/layers';

/** Where the lesson teaches each layer type: its section's address and title. */
export type LessonLinks = Partial<Record<LayerType, { href: string; title: string }>>;

/** A lesson section's anchor on the home page, from its file name: `sectionSlug('09-batch-normalization') → 'batch-normalization'`. */
export const sectionSlug = (id: string) => id.replace(/^\d+-/, '');

/** The section every layer type falls back to: the catalogue of every layer. */
const CATALOGUE = 'every-layer';

interface Section {
  id: string;
  data: { title: string; order: number; teaches: readonly LayerType[] };
}

/**
 * Where the lesson teaches each layer type: the first section (in order) that names it in `teaches`, else the
 * catalogue of every layer: `lessonLinks(sections).batchNormalization → {href: '/#batch-normalization', title: 'Batch normalization'}`.
 */
export function lessonLinks(sections: readonly Section[]): LessonLinks {
  const ordered = [...sections].sort((a, b) => a.data.order - b.data.order);
  const catalogue = ordered.find((s) => sectionSlug(s.id) === CATALOGUE);
  const links: LessonLinks = {};
  for (const type of LAYER_TYPES) {
    const section = ordered.find((s) => s.data.teaches.includes(type)) ?? catalogue;
    if (section) links[type] = { href: `/#${sectionSlug(section.id)}`, title: section.data.title };
  }
  return links;
}
