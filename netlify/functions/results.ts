import type { Config } from '@netlify/functions';
import { createAssignmentHandler } from '../../functions/assignments';
import { netlifyService } from '../../src/store/netlify-service';

export default createAssignmentHandler({ service: netlifyService });

export const config: Config = {
  path: '/api/assignments/:id/results',
  rateLimit: { windowLimit: 120, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
