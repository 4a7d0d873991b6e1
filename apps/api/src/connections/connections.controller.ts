import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import {
  connectionBodySchema,
  connectionNameSchema,
  type ConnectionBodyDto,
  type ConnectionCheckDto,
  type ConnectionListDto,
  type ConnectionSummaryDto,
} from '@soar/contracts';
import { CurrentPrincipal, type Principal } from '../auth/principal';
import { AcceptsBody } from '../http/accepts-body.decorator';
import { body, param } from '../http/zod.pipe';
import { ConnectionsService } from './connections.service';

const name = () => param(connectionNameSchema, 'name');

@Controller('api/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Get()
  list(): Promise<ConnectionListDto> {
    return this.connections.list();
  }

  @Put(':name')
  @AcceptsBody('json')
  save(@Param('name', name()) connection: string, @Body(body(connectionBodySchema)) request: ConnectionBodyDto, @CurrentPrincipal() principal: Principal): Promise<ConnectionSummaryDto> {
    return this.connections.save(connection, request, principal.actor);
  }

  @Delete(':name')
  @HttpCode(204)
  remove(@Param('name', name()) connection: string): Promise<void> {
    return this.connections.remove(connection);
  }

  @Get(':name/check')
  check(@Param('name', name()) connection: string): Promise<ConnectionCheckDto> {
    return this.connections.check(connection);
  }
}
