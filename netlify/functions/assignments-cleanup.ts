import type { Config } from '@netlify/functions';
import { createCleanupHandler } from '../../functions/assignments-cleanup';
import { netlifyService } from '../../src/store/netlify-service';

export default createCleanupHandler(netlifyService);

// Retention: every day, assignments 180 days past their due date go, with every submission.
export const config: Config = { schedule: '@daily' };
