import type { Config } from '@netlify/functions';
import { createAssignmentHandler } from '../../functions/assignments';
import { netlifyService } from '../../src/store/netlify-service';

export default createAssignmentHandler({ service: netlifyService });

// A whole class behind one school address opens the assignment within the same minute.
export const config: Config = {
  path: '/api/assignments/:id',
  rateLimit: { windowLimit: 300, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
