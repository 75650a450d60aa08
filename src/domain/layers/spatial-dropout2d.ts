import { spatialDropoutLayer } from './internal/spatial-dropout';

/** 2-D spatial dropout: zeroes whole channels while training; keeps the shape: [16, 16, 32] → [16, 16, 32]. */
export const spatialDropout2d = spatialDropoutLayer({
  type: 'spatialDropout2d',
  rank: 2,
  label: 'spatial dropout',
  description:
    "Zeroes a fraction (rate) of the channels, each channel's whole map at once, while training; learns nothing.",
  example: { input: [16, 16, 32], layer: { type: 'spatialDropout2d', rate: 0.2 } },
  className: 'SpatialDropout2D',
});

export type SpatialDropout2dLayer = (typeof spatialDropout2d)['example']['layer'];
