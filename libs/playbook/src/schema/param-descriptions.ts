/**
 * Editor help for action parameters whose zod schema carries no `.describe()`: one text per
 * parameter name (the same name means the same thing across actions), with per-action overrides
 * where it does not. The catalog's own descriptions win; the JSON Schema test requires one for
 * every parameter, so a new parameter without either fails there.
 */
const BY_NAME: Record<string, string> = {
  comment: 'Comment recorded in Defender with this request (shown in the action center and the machine timeline)',
  domain: 'Domain name, e.g. contoso.com',
  sha1: 'SHA-1 of the file (40 hex characters)',
  tag: 'Machine tag text',
  status: 'New alert status',
  assigned_to: 'Owner of the alert: a user principal name, e.g. analyst@contoso.com',
  classification: 'How the alert is classified',
  determination: 'Why the alert was classified so',
  user_name: 'User account name (without the domain)',
  message: 'Why the run fails (shown as the step error)',
  method: 'HTTP method of the webhook call',
  timeout_seconds: 'How long to wait for the webhook to answer',
  alert_ids: 'Ids of the alerts to change together',
  expand_evidence: "Include each alert's evidence (files, IPs, users, ...)",
  query: 'Advanced hunting query (KQL)',
  indicator_ids: 'Ids of the custom indicators to delete',
  indicators: 'Custom indicators to create or update, imported in one call',
  indicator_value: 'The file hash, IP address, URL or domain the indicator matches',
  indicator_type: 'Kind of value the indicator matches',
  action: 'What Defender does when the indicator matches',
  title: 'Indicator title, shown in the alerts it raises',
  description: 'Indicator description',
  application: 'Application name shown with the indicator',
  expiration_time: 'When the indicator expires (ISO-8601 time)',
  severity: 'Severity of the alerts the indicator raises',
  recommended_actions: 'Recommended actions shown with the alerts the indicator raises',
  rbac_group_names: 'Machine groups the indicator applies to (default: every machine)',
  educate_url: 'Page shown to the user when a Warn indicator blocks',
  generate_alert: 'Raise an alert when the indicator matches',
  scan_type: 'Quick scan or Full scan',
  hostname: 'Computer DNS name, or the short hostname when exactly one machine has it',
  starts_with: 'Match tags starting with the text instead of equal to it',
  on_unresolved: 'fail: a hostname that matches no machine fails the step; report: the step succeeds and reports it unresolved',
  isolation_type: 'Full cuts every connection but Defender; Selective keeps Outlook, Teams and Skype working',
  commands: 'Live response commands to run, in order',
  command_index: 'Position (0-based) of the command whose result to download',
};

const BY_ACTION: Record<string, Record<string, string>> = {
  'defender.alert.update': { comment: 'Comment added to the alert' },
  'defender.alert.batch_update': { comment: 'Comment added to each alert' },
  'defender.machine_action.cancel': { comment: 'Why the machine action is cancelled (recorded in Defender)' },
};

export function parameterDescription(action: string, param: string): string | undefined {
  return BY_ACTION[action]?.[param] ?? BY_NAME[param];
}
