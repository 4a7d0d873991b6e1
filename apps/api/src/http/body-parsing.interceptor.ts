import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Observable } from 'rxjs';
import { ERROR_CODES } from '@soar/contracts';
import type { ApiConfig } from '../api.config';
import { AppError } from '../errors/app-error';
import { TOKENS } from '../tokens';
import { BODY_KIND, type BodyKind } from './body-kind';

const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain'];
const EXPECTED: Record<BodyKind, { types: string[]; name: string }> = {
  json: { types: ['application/json'], name: 'application/json' },
  yaml: { types: YAML_TYPES, name: 'application/yaml (or text/yaml, text/plain)' },
};

/**
 * Parses request bodies after the guard has authenticated the request (Nest runs guards before
 * interceptors), so a request without a valid key is answered 401 before its body is read; the
 * global body parser is off (create-api-app.ts). Sizes are limited before parsing; a wrong
 * Content-Type is a 415 naming the expected one instead of a parser message.
 */
@Injectable()
export class BodyParsingInterceptor implements NestInterceptor {
  private readonly parsers: Record<BodyKind, RequestHandler>;

  constructor(
    private readonly reflector: Reflector,
    @Inject(TOKENS.config) config: ApiConfig,
  ) {
    this.parsers = {
      json: express.json({ limit: '1mb', strict: true, type: EXPECTED.json.types }),
      yaml: express.text({ limit: config.PLAYBOOK_MAX_BYTES, type: YAML_TYPES }),
    };
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const kind = this.reflector.get<BodyKind | undefined>(BODY_KIND, context.getHandler());
    if (kind && context.getType() === 'http') {
      const http = context.switchToHttp();
      await this.parse(kind, http.getRequest<Request>(), http.getResponse<Response>());
    }
    return next.handle();
  }

  private async parse(kind: BodyKind, req: Request, res: Response): Promise<void> {
    req.body = undefined;
    if (!hasBody(req)) return;
    const expected = EXPECTED[kind];
    if (!req.is(expected.types)) {
      const sent = req.headers['content-type'] ? `Content-Type ${req.headers['content-type'].slice(0, 100)}` : 'no Content-Type';
      throw new AppError(ERROR_CODES.unsupportedMediaType, `send the body as ${expected.name}; the request has ${sent}`);
    }
    await new Promise<void>((resolve, reject) => this.parsers[kind](req, res, (error?: unknown) => (error ? reject(error) : resolve())));
  }
}

/** A body is announced by Transfer-Encoding or a non-zero Content-Length (as the type-is package decides). */
const hasBody = (req: Request): boolean => req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
