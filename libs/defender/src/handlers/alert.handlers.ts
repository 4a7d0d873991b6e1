import {
  alertBatchUpdateAction,
  alertGetAction,
  alertListAction,
  alertRelatedDomainsAction,
  alertRelatedFilesAction,
  alertRelatedIpsAction,
  alertRelatedMachineAction,
  alertRelatedUserAction,
  alertUpdateAction,
} from '@soar/contracts';
import type { AlertPatch } from '../defender.types';
import { done, handler } from './handler-spec';

/** snake_case playbook fields → Defender's camelCase alert patch. */
function alertPatch(p: { status?: AlertPatch['status'] | null; assigned_to?: string; classification?: AlertPatch['classification']; determination?: string; comment?: string }): AlertPatch {
  return { status: p.status ?? undefined, assignedTo: p.assigned_to, classification: p.classification, determination: p.determination, comment: p.comment };
}

export const alertHandlers = [
  handler({
    definition: alertGetAction,
    execute: async (client, p) => done(await client.getAlert(p.alert_id, { expandEvidence: true })),
  }),
  handler({
    definition: alertUpdateAction,
    execute: async (client, p, ctx) => {
      const patch = alertPatch(p);
      // Fields are idempotent but a comment is appended: after a lost response, do not add it twice;
      // with skip_comment_if_present, not when another run already reported the same thing.
      if (patch.comment !== undefined && (ctx.maybeSent || p.skip_comment_if_present)) {
        const current = await client.getAlert(p.alert_id);
        const marker = p.skip_comment_if_present ?? undefined;
        const comments = (current.comments ?? []).map((c) => c.comment ?? '');
        if (comments.some((c) => c === patch.comment || (marker !== undefined && c.includes(marker)))) {
          delete patch.comment;
          if (Object.values(patch).every((v) => v === undefined)) return done({ ...current, result: 'already', comment_skipped: true });
          return done({ ...(await client.updateAlert(p.alert_id, patch)), result: 'done', comment_skipped: true });
        }
      }
      return done({ ...(await client.updateAlert(p.alert_id, patch)), result: 'done' });
    },
  }),
  handler({
    definition: alertListAction,
    execute: async (client, p) => {
      const alerts = await client.listAlerts({ filter: p.filter, top: p.top, skip: p.skip, limit: p.limit, expandEvidence: p.expand_evidence });
      return done({ alerts, count: alerts.length });
    },
  }),
  handler({
    definition: alertBatchUpdateAction,
    execute: async (client, p) => {
      await client.batchUpdateAlerts(p.alert_ids, alertPatch(p));
      return done({ alert_ids: p.alert_ids });
    },
  }),
  handler({
    definition: alertRelatedMachineAction,
    execute: async (client, p) => done(await client.getAlertMachine(p.alert_id)),
  }),
  handler({
    definition: alertRelatedUserAction,
    execute: async (client, p) => done(await client.getAlertUser(p.alert_id)),
  }),
  handler({
    definition: alertRelatedFilesAction,
    execute: async (client, p) => done({ files: await client.listAlertFiles(p.alert_id) }),
  }),
  handler({
    definition: alertRelatedIpsAction,
    execute: async (client, p) => done({ ips: await client.listAlertIps(p.alert_id) }),
  }),
  handler({
    definition: alertRelatedDomainsAction,
    execute: async (client, p) => done({ domains: await client.listAlertDomains(p.alert_id) }),
  }),
];
