import type { Request } from 'express';

/**
 * The signed-in user's own access token for this API (Entra source only), kept beside the principal
 * and never inside it: the principal is logged, audited and returned, this token must never be.
 * Delegated Defender calls (`run_as: starter | approver`) exchange it On-Behalf-Of the user.
 */
const USER_ASSERTION = Symbol('userAssertion');

type WithAssertion = Request & { [USER_ASSERTION]?: string };

export const setUserAssertion = (req: Request, token: string): void => {
  (req as WithAssertion)[USER_ASSERTION] = token;
};

export const userAssertionOf = (req: Request): string | undefined => (req as WithAssertion)[USER_ASSERTION];
