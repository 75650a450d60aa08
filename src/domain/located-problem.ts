/**
 * Why something cannot be counted, and where: `path` leads from the object it was found in
 * (a layer, a network, a request, a Keras model) to the offending value, e.g. `['layers', 0, 'kernelSize']`.
 */
export interface LocatedProblem {
  path: (string | number)[];
  message: string;
}
