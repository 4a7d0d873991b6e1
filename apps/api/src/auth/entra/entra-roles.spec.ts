import { parseGroupRoles } from './entra.config';
import { rolesOf } from './entra-roles';

describe('Entra roles', () => {
  const tier2 = '6a1f3c1e-2b7d-4c1a-9f5e-000000000002';

  it('joins the roles claim with the roles mapped to the user’s groups', () => {
    const parsed = parseGroupRoles(`${tier2.toUpperCase()}:analyst+approver, 11111111-2222-4333-8444-555555555555:admin`);
    if (!parsed.ok) throw new Error(parsed.problems.join());
    expect(rolesOf(['viewer', 'analyst'], [tier2], parsed.map)).toEqual(['analyst', 'approver', 'viewer']);
    expect(rolesOf([], ['99999999-2222-4333-8444-555555555555'], parsed.map)).toEqual([]);
  });

  it('refuses malformed entries by position, showing the form', () => {
    expect(parseGroupRoles('not-a-guid:analyst')).toEqual({ ok: false, problems: [expect.stringMatching(/^entry 1 is not <group object id>:role\+role/)] });
    expect(parseGroupRoles(`${tier2}:analyst,${tier2}:admin`)).toEqual({ ok: false, problems: [`entry 2 repeats group ${tier2}`] });
    expect(parseGroupRoles(`${tier2}:`)).toMatchObject({ ok: false });
  });
});
