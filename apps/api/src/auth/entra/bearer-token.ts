/** The credential of `Authorization: Bearer <credential>`, or null. */
export const bearerOf = (header: string | undefined): string | null => /^Bearer (.+)$/i.exec(header ?? '')?.[1]?.trim() || null;

/** Three base64url parts: a JWT. API keys are matched first, so a key of that shape still works as a key. */
export const looksLikeJwt = (credential: string): boolean => /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(credential);
