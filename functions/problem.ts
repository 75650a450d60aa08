/** One problem in a request, located by an RFC 6901 JSON Pointer into the request body. */
export interface ProblemError {
  pointer: string;
  detail: string;
}

/** An RFC 9457 problem details document. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors: ProblemError[];
}

/** Builds an RFC 6901 pointer: `toPointer(['network', 'layers', 1, 'kernelSize']) → '/network/layers/1/kernelSize'`. */
export function toPointer(path: readonly PropertyKey[]): string {
  return path.map((key) => '/' + String(key).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
}
