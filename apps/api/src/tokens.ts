/** Nest injection tokens for the API's infrastructure. */
export const TOKENS = {
  config: 'CONFIG',
  logger: 'LOGGER',
  db: 'DB',
  redis: 'REDIS',
  queue: 'QUEUE',
  playbooks: 'PLAYBOOK_REPOSITORY',
  runs: 'RUN_REPOSITORY',
  approvals: 'APPROVAL_STORE',
  runStore: 'RUN_STORE',
  connections: 'CONNECTION_RESOLVER',
  connectionRepository: 'CONNECTION_REPOSITORY',
  runControl: 'RUN_CONTROL',
  apiKeys: 'API_KEY_REPOSITORY',
  audit: 'AUDIT_REPOSITORY',
  identityLimits: 'IDENTITY_LIMITS',
} as const;
