import type { AssignmentService } from '../src/store/assignment-service';

/**
 * The scheduled clean-up (daily): deletes what retention says is due, and answers 200 with what it
 * did, or 503 when the store did not answer (the next run tries again).
 */
export function createCleanupHandler(service: () => AssignmentService, now: () => Date = () => new Date()) {
  return async (): Promise<Response> => {
    try {
      return Response.json(await service().cleanup(now()));
    } catch (error) {
      console.error('assignment clean-up failed:', error);
      return new Response(null, { status: 503 });
    }
  };
}
