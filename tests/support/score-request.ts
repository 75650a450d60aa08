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
