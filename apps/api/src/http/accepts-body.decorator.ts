import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { BODY_KIND, type BodyKind } from './body-kind';
import { BodyParsingInterceptor } from './body-parsing.interceptor';

/**
 * The route reads a body of this kind, parsed by BodyParsingInterceptor after the guard has
 * authenticated the request. Routes without it never read a body (and have no interceptor, which
 * keeps Nest's server-sent-event routes answering errors as plain JSON).
 */
export const AcceptsBody = (kind: BodyKind) => applyDecorators(SetMetadata(BODY_KIND, kind), UseInterceptors(BodyParsingInterceptor));
