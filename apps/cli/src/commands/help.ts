import { DEFAULT_API_URL } from '../api-target';

const API_OPTIONS = `  --api URL        the SOAR API (default: $SOAR_API_URL or ${DEFAULT_API_URL})
  --token KEY      API key sent as a Bearer token (default: $SOAR_API_TOKEN; prefer the
                   variable: command lines are visible to other users of the machine)`;

const EXIT_CODES_TEXT = `Exit codes: 0 success; 1 problems found, playbook rejected or run failed/cancelled;
2 usage error, API unreachable or refusing the key, timeout.`;

export const HELP: Record<'soar' | 'lint' | 'push' | 'run' | 'runs' | 'approvals' | 'approve' | 'reject' | 'cancel' | 'check' | 'keys', string> = {
  soar: `soar: command-line tool for Defender SOAR playbooks

Usage: soar <command> [options]

Commands:
  lint <files or dirs...>     check playbook YAML locally (no API needed)
  push <files or dirs...>     check, then save playbooks through the API
  run <playbook>              start a run; --follow to watch it until it ends
  runs                        list recent runs (--status, --outcome, --playbook, --limit)
  approvals                   list approvals waiting for a decision
  approve <approval id>       approve a waiting approval (--comment); the run resumes
  reject <approval id>        reject a waiting approval (--comment); the run resumes
  cancel <run id>             cancel an active run
  check [connection]          can a Defender connection sign in and run its playbooks?
  keys create|list|revoke     API keys for automation (admin)
  help [command]              show help for a command

Environment: SOAR_API_URL (default ${DEFAULT_API_URL}), SOAR_API_TOKEN.
${EXIT_CODES_TEXT}
Run \`soar help <command>\` for a command's options.`,

  lint: `Usage: soar lint [--strict] <files or dirs...>

Checks playbooks with the same parser and action catalog the API uses. Directories are searched
for *.yaml and *.yml. Prints one line per problem, as compilers do:
  file:line:column: message [code]
  file:line:column: warning: message [code]
then a summary line.

Options:
  --strict         warnings fail too
  -h, --help       show this help

Exit codes: 0 no errors (warnings allowed unless --strict); 1 problems found; 2 usage error.`,

  push: `Usage: soar push [--strict] [--api URL] [--token KEY] <files or dirs...>

Lints every file first and pushes nothing if any has errors. Then saves each playbook
(POST /api/playbooks) and prints "name vN (created)" or "name vN (unchanged)". Problems the API
reports are printed as file:line:column: message [code].

Options:
  --strict         warnings stop the push too
${API_OPTIONS}
  -h, --help       show this help

${EXIT_CODES_TEXT}`,

  run: `Usage: soar run <playbook> [--input key=value ...] [--inputs-json JSON] [--follow [--timeout SECONDS]]

Starts a run of the latest version of a saved playbook and prints its run id. With --follow,
prints each step's status as it changes (polling every second) until the run ends; when a step
waits for an approval, prints the approval's id, who may decide and the soar approve/reject
command that decides it.

Options:
  -i, --input key=value   one input, read as the type the playbook declares for it: string and
                          enum as typed (alert_id=12345 stays text), number, boolean (true or
                          false), list (comma-separated and/or the key repeated); a value that
                          does not convert is a usage error naming the input (repeatable)
  --inputs-json JSON      inputs as a JSON object; --input values are applied on top
  -f, --follow            wait for the run to end, printing step status changes
  --timeout SECONDS       with --follow: stop waiting after this long (the run goes on)
${API_OPTIONS}
  -h, --help              show this help

Exit codes: 0 started (or, with --follow, succeeded); 1 the followed run failed or was cancelled;
2 usage error, playbook unknown or inputs rejected, API unreachable, timeout.

Example: soar run isolate-alert-machine --input alert_id=da638712004817339522_-1183920117 --follow`,

  runs: `Usage: soar runs [--status S] [--outcome O] [--playbook NAME] [--limit N] [--api URL] [--token KEY]

Lists runs, newest first, one per line: id, created, status (and outcome once ended), playbook
and version, reason.

Options:
  --status S       queued, running, waiting, succeeded, failed or cancelled
  --outcome O      how finished runs ended, e.g. succeeded, failed, rejected, expired, cancelled
  --playbook NAME  runs of this playbook only
  --limit N        at most N runs (1-200, default 20)
${API_OPTIONS}
  -h, --help       show this help

${EXIT_CODES_TEXT}`,

  approvals: `Usage: soar approvals [--api URL] [--token KEY]

Lists the approvals waiting for a decision, oldest first: id, playbook, run and step, who may
decide, when it expires and what happens then, and the prompt.

Options:
${API_OPTIONS}
  -h, --help       show this help

${EXIT_CODES_TEXT}`,

  approve: `Usage: soar approve <approval id> [--comment TEXT] [--api URL] [--token KEY]

Approves a waiting approval (see soar approvals); the run resumes at once at that step. Only one
of the approval's approvers may decide (an admin any).

Options:
  -m, --comment TEXT  recorded with the decision
${API_OPTIONS}
  -h, --help          show this help

Exit codes: 0 decided; 1 not one of its approvers, or already decided or expired (the message
says by whom and how); 2 unknown approval, usage error, API unreachable or refusing the key.`,

  reject: `Usage: soar reject <approval id> [--comment TEXT] [--api URL] [--token KEY]

Rejects a waiting approval (see soar approvals); the run resumes at once at that step and goes
on as the playbook says for a rejection.

Options:
  -m, --comment TEXT  recorded with the decision
${API_OPTIONS}
  -h, --help          show this help

Exit codes: 0 decided; 1 not one of its approvers, or already decided or expired (the message
says by whom and how); 2 unknown approval, usage error, API unreachable or refusing the key.`,

  keys: `Usage: soar keys create --name NAME --roles R[,R...] [--expires TIME] [--api URL] [--token KEY]
       soar keys list [--api URL] [--token KEY]
       soar keys revoke <key id> [--api URL] [--token KEY]

API keys for automation; an admin's key is needed. create prints the new key alone on standard
output (details on standard error): it is shown this once and stored only as a hash. list shows
each stored key's id, name, roles, expiry or revocation and last use (never the key). revoke
refuses the key from now on (401).

Options:
  --name NAME      recorded as the actor of everything the key does (letters, digits, . _ @ -)
  --roles R,...    admin, author, analyst, approver, viewer
  --expires TIME   ISO 8601 with zone, e.g. 2027-06-30T00:00:00Z (default: never)
${API_OPTIONS}
  -h, --help       show this help

Exit codes: 0 done; 2 refused (bad input, name taken, unknown key, not an admin), usage error,
API unreachable.`,

  cancel: `Usage: soar cancel <run id> [--api URL] [--token KEY]

Cancels an active run, its active sub-playbook runs, and asks Defender to cancel the machine
actions it waits for (best effort; each is listed with what Defender answered).

Options:
${API_OPTIONS}
  -h, --help       show this help

Exit codes: 0 cancelled; 1 the run had already ended; 2 unknown run, usage error, API unreachable
or refusing the key.`,

  check: `Usage: soar check [--api URL] [--token KEY] [connection]

Checks a Defender connection (default: default) through the API: signs in, calls Defender, and
says why it is or is not OK, which permissions the application holds, which playbooks on the
connection can run (and, for the others, which step needs which permission), and which actions
are not permitted.

Options:
${API_OPTIONS}
  -h, --help       show this help

Exit codes: 0 OK and every playbook on the connection runnable; 1 not OK or a playbook lacks
permissions; 2 unknown connection, usage error, API unreachable or refusing the key.`,
};

export const isHelpTopic = (topic: string): topic is keyof typeof HELP => Object.hasOwn(HELP, topic);
