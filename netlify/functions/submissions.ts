import type { Config } from '@netlify/functions';
import { createAssignmentHandler } from '../../functions/assignments';
import { netlifyService } from '../../src/store/netlify-service';

export default createAssignmentHandler({ service: netlifyService });

// Per address, loose enough for a class of 40 behind one school address to submit (and look at their
// feedback) within the same minute; the store limits each assignment (300 a minute) and each student.
export const config: Config = {
  path: ['/api/assignments/:id/submissions', '/api/assignments/:id/submissions/:submissionId'],
  rateLimit: { windowLimit: 300, windowSize: 60, aggregateBy: ['ip', 'domain'] },
};
