import type { Config } from '@netlify/functions';
import { createAssignmentHandler } from '../../functions/assignments';
import { netlifyService } from '../../src/store/netlify-service';

export default createAssignmentHandler({ service: netlifyService });

// Making an assignment: a few a minute from one address is plenty (the store also caps the site at 30 a minute).
export const config: Config = {
  path: '/api/assignments',
  rateLimit: { windowLimit: 20, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
