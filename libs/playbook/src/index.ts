export type {
  PlaybookDefinition,
  InputDeclaration,
  InputType,
  InputFormat,
  ListItemType,
  TriggerDefinition,
  ManualTrigger,
  AlertTrigger,
  ScheduleTrigger,
  AlertTriggerEvent,
  AlertMatch,
  StepDefinition,
  RetryPolicy,
  Backoff,
  OnError,
  ForeachDefinition,
  ParseResult,
  ExpressionScope,
  StepScope,
  OutcomeRule,
} from './model';
export { INPUT_TYPES, INPUT_FORMATS, LIST_ITEM_TYPES, BACKOFF_KINDS, ALERT_TRIGGER_EVENTS } from './model';
export { PROBLEM_CODES, type ProblemCode } from './problems';
export { parsePlaybook, type ParsePlaybookOptions } from './parse-playbook';
export { validateRunInputs, type RunInputsResult } from './inputs/validate-run-inputs';
export {
  evaluateParams,
  evaluateParamsShown,
  type Evaluated,
  evaluateCondition,
  evaluateExpression,
  evaluateTemplate,
  ExpressionError,
  EXPRESSION_ERROR_CODES,
  type ExpressionErrorCode,
} from './expressions/evaluate';
export { DEFAULT_YAML_LIMITS } from './yaml/load-yaml';
export { maskSecrets, maskSecretsInText, SECRET_MASK, MIN_SECRET_LENGTH } from './secrets/mask-secrets';
export { secretPlaces, describeSecretPlaces } from './secrets/secret-places';
export { EVALUATION_BUDGET } from './expressions/budget';
export { conditionRunsAlways } from './expressions/conditions';
export { evaluateOutputs, type OutputsResult } from './expressions/outputs';
export { matchAlertTrigger, matchingTriggers, globMatch } from './triggers/match-alert-trigger';
export { planAlertRuns, type AlertRunPlan, type AlertVersionContext } from './triggers/plan-alert-runs';
export { isValidCron } from './triggers/check-schedule';
export { checkFormat, hashType, isIp, isIpv4, isIpv6, isUrl, isDomain, isHostname, isMachineId, isAlertId } from './formats';
export { EXPRESSION_LIMITS } from './expressions/compile';
export { playbookJsonSchema, renderPlaybookJsonSchema } from './schema/playbook-json-schema';
export { playbookDocumentSchema } from './schema/playbook.schema';
export { effectiveRunAs, approvalStepFor, actsAsStarter, stepsActingAsApproverOf, isDefenderAction } from './run-as';
