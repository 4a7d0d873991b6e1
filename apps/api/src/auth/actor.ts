import type { Request } from 'express';

/** Who is making the request, as established by the API-key middleware. */
export const actorOf = (req: Request): string => (req as Request & { actor?: string }).actor ?? 'anonymous';
