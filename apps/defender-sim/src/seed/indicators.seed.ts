import type { Indicator } from '../state/entities';
import { DAY_MS, toDefenderTime } from '../state/time';
import { SEED } from './seed-ids';

const PORTAL_USER = 'secops@contoso.com';

function portalIndicator(id: string, base: number, daysAgo: number, fields: Pick<Indicator, 'indicatorValue' | 'indicatorType' | 'action' | 'severity' | 'title' | 'description'> & Partial<Indicator>): Indicator {
  const created = toDefenderTime(base - daysAgo * DAY_MS);
  return {
    id,
    application: null,
    source: PORTAL_USER,
    sourceType: 'User',
    createdBy: PORTAL_USER,
    createdBySource: 'Portal',
    createdByDisplayName: PORTAL_USER,
    creationTimeDateTimeUtc: created,
    expirationTime: null,
    lastUpdateTime: created,
    lastUpdatedBy: PORTAL_USER,
    recommendedActions: null,
    rbacGroupNames: [],
    rbacGroupIds: [],
    generateAlert: true,
    educateUrl: null,
    externalID: null,
    mitreTechniques: [],
    category: 1,
    historicalDetection: false,
    ...fields,
  };
}

/** Portal-created indicators (sourceType User): visible to Ti.ReadWrite.All callers, not to Ti.ReadWrite ones. */
export function seedIndicators(base: number): Indicator[] {
  return [
    portalIndicator(SEED.indicators.blockedIp, base, 20, {
      indicatorValue: SEED.ips.blockedByIndicator, indicatorType: 'IpAddress', action: 'Block', severity: 'High',
      title: 'Known C2 server', description: 'Command and control server reported by the national CERT.', recommendedActions: 'Isolate the device and reset credentials.',
    }),
    portalIndicator(SEED.indicators.blockedDocumentSha256, base, 2, {
      indicatorValue: SEED.files.maliciousDocument.sha256, indicatorType: 'FileSha256', action: 'BlockAndRemediate', severity: 'High',
      title: 'Emotet invoice lure', description: 'Macro document from the January invoice campaign.',
    }),
    portalIndicator(SEED.indicators.warnedDomain, base, 6, {
      indicatorValue: SEED.domains.phishing, indicatorType: 'DomainName', action: 'Warn', severity: 'Medium', generateAlert: false,
      title: 'Phishing domain', description: 'Look-alike Microsoft login page.', educateUrl: 'https://intranet.contoso.local/security/phishing',
    }),
  ];
}
