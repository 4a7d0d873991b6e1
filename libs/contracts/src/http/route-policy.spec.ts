import { mayCall, ROUTE_POLICY } from './route-policy';
import { HTTP_ROUTES, type HttpRouteId } from './routes';
import { ROLES } from './access';

const ids = Object.keys(HTTP_ROUTES) as HttpRouteId[];
const writesOf = (role: string) => ids.filter((id) => HTTP_ROUTES[id].method !== 'get' && !('public' in ROUTE_POLICY[id]) && mayCall(ROUTE_POLICY[id], [role])).sort();
const readsOf = (role: string) => ids.filter((id) => HTTP_ROUTES[id].method === 'get' && mayCall(ROUTE_POLICY[id], [role]));

/** The policy table says what issue 11's role table says (the matrix e2e checks the API enforces the table). */
describe('ROUTE_POLICY', () => {
  it('gives each role exactly the writes of the issue: author playbooks and triggers, analyst runs, approver decisions, viewer none', () => {
    expect(writesOf('author')).toEqual(['disablePlaybook', 'enablePlaybook', 'pauseTriggers', 'resumeTriggers', 'savePlaybook', 'validatePlaybook']);
    expect(writesOf('analyst')).toEqual(['cancelRun', 'receiveAlerts', 'rerunRun', 'startRun', 'validatePlaybook']);
    expect(writesOf('approver')).toEqual(['decideApproval', 'validatePlaybook']);
    expect(writesOf('viewer')).toEqual(['validatePlaybook']);
  });

  it('lets admin call everything, and keeps keys, the audit log and connection credentials to admin', () => {
    expect(ids.filter((id) => !mayCall(ROUTE_POLICY[id], ['admin']))).toEqual([]);
    const adminOnly = ids.filter((id) => ROLES.filter((r) => r !== 'admin').every((r) => !mayCall(ROUTE_POLICY[id], [r]))).sort();
    expect(adminOnly).toEqual(['checkConnection', 'connectionStates', 'createApiKey', 'deleteConnection', 'listApiKeys', 'listAudit', 'revokeApiKey', 'saveConnection']);
  });

  it('lets every role read everything else', () => {
    const adminReads = ['checkConnection', 'connectionStates', 'listApiKeys', 'listAudit'];
    for (const role of ROLES) expect(readsOf(role).sort()).toEqual(ids.filter((id) => HTTP_ROUTES[id].method === 'get' && (role === 'admin' || !adminReads.includes(id))).sort());
  });

  it('holds nothing for an identity without a role', () => {
    expect(ids.filter((id) => !('public' in ROUTE_POLICY[id]) && mayCall(ROUTE_POLICY[id], []))).toEqual([]);
  });
});
