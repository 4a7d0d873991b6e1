import { SetMetadata } from '@nestjs/common';

export const BODY_KIND = 'soar:body-kind';
export type BodyKind = 'json' | 'yaml';

/** The route reads a body of this kind; BodyParsingInterceptor parses it after authentication. Routes without it never read a body. */
export const AcceptsBody = (kind: BodyKind) => SetMetadata(BODY_KIND, kind);
