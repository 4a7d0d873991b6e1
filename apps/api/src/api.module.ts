import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ApiConfig } from './api.config';
import { ActionsModule } from './actions/actions.module';
import { ApprovalsModule } from './approvals/approvals.module';
import { ApiKeyGuard } from './auth/api-key.guard';
import { RolesGuard } from './auth/roles.guard';
import { IdentityLimitsGuard } from './auth/identity-limits.guard';
import { AuditModule } from './audit/audit.module';
import { ApiKeysModule } from './keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { entraVerifierProvider } from './auth/entra/entra-verifier.provider';
import { ConnectionsModule } from './connections/connections.module';
import { DocsModule } from './docs/docs.module';
import { HealthModule } from './health/health.module';
import { IntakeModule } from './intake/intake.module';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { PlaybooksModule } from './playbooks/playbooks.module';
import { RunsModule } from './runs/runs.module';
import { SchemasModule } from './schemas/schemas.module';
import { OPS_CONTROLLERS, OPS_IMPORTS } from './ops';

/**
 * The HTTP API: one feature module per area of the contract (libs/contracts/src/http), over one
 * infrastructure module. Every route passes the ApiKeyGuard, then the RolesGuard; routes with a body parse it after (@AcceptsBody).
 */
@Module({})
export class ApiModule {
  static forConfig(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [InfrastructureModule.forConfig(config), PlaybooksModule, RunsModule, ApprovalsModule, ConnectionsModule, ActionsModule, SchemasModule, HealthModule, DocsModule, IntakeModule, ApiKeysModule, AuditModule, AuthModule, ...OPS_IMPORTS],
      controllers: [...OPS_CONTROLLERS],
      // Guards run in this order: who is calling (ApiKeyGuard), may they (RolesGuard, ROUTE_POLICY), within their limits.
      providers: [
        entraVerifierProvider,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_GUARD, useClass: IdentityLimitsGuard },
      ],
    };
  }
}
