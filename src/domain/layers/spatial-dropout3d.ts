import { spatialDropoutLayer } from './internal/spatial-dropout';

/** 3-D spatial dropout: zeroes whole channels while training; keeps the shape: [8, 8, 8, 16] → [8, 8, 8, 16]. */
export const spatialDropout3d = spatialDropoutLayer({
  type: 'spatialDropout3d',
  rank: 3,
  label: '3-D spatial dropout',
  description:
    "Zeroes a fraction (rate) of the channels, each channel's whole volume at once, while training; learns nothing.",
  example: { input: [8, 8, 8, 16], layer: { type: 'spatialDropout3d', rate: 0.2 } },
  className: 'SpatialDropout3D',
});

export type SpatialDropout3dLayer = (typeof spatialDropout3d)['example']['layer'];
