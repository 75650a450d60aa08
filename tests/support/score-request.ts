import { handleScore } from '../../functions/score';

/** POSTs a JSON body to the /api/score handler, as a browser or script would. */
export const postScore = (body: unknown): Promise<Response> =>
  handleScore(
    new Request('http://localhost/api/score', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
  );

/** The lesson's network: 20×20×3 → conv 2@3×3 same → conv 3@3×3 same → flatten → dense 2 (56 + 57 + 0 + 2402). */
export const TEXTBOOK = {
  input: [20, 20, 3],
  layers: [
    { type: 'conv2d', filters: 2, kernelSize: 3, padding: 'same' },
    { type: 'conv2d', filters: 3, kernelSize: 3, padding: 'same' },
    { type: 'flatten' },
    { type: 'dense', units: 2 },
  ],
};
