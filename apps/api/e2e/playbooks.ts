/** Small playbooks several end-to-end specs share. */

/** One `defender.alert.get` step, with an optional `retry` policy (YAML flow mapping). */
export const readAlertPlaybook = (retry?: string) => `
name: read-alert
title: Read an alert
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: get_alert
    action: defender.alert.get
    with: { alert_id: "\${{ inputs.alert_id }}" }${retry ? `\n    retry: ${retry}` : ''}
`;

/** A durable `core.wait`, then a comment `<label>, run <id>` on the alert. */
export const waitThenCommentPlaybook = (seconds: number, label: string) => `
name: wait-then-comment
title: Wait, then comment on the alert
inputs:
  alert_id: { type: string, required: true }
steps:
  - id: pause
    action: core.wait
    with: { seconds: ${seconds} }
  - id: comment
    action: defender.alert.update
    with: { alert_id: "\${{ inputs.alert_id }}", comment: "\${{ '${label}, run ' + run.id }}" }
`;
