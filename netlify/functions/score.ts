import type { Config } from '@netlify/functions';
import { handleScore } from '../../functions/score';

export default handleScore;

export const config: Config = {
  path: '/api/score',
  rateLimit: {
    windowLimit: 120,
    windowSize: 60,
    aggregateBy: ['ip', 'domain'],
  },
};
