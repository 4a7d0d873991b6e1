import { closeNames } from './close-names';

const KNOWN = ['isolate-alert-machine', 'release-isolation', 'enrich-alert', 'run-antivirus-scan', 'contain-alert-machine'];

describe('closeNames', () => {
  it.each([
    ['isolate-alert-machin', ['isolate-alert-machine']],
    ['enrich-alrt', ['enrich-alert']],
    ['machine-isolate', ['isolate-alert-machine', 'contain-alert-machine']],
    ['antivirus', ['run-antivirus-scan']],
    ['nothing-like-it', []],
  ])('%s → %j', (wanted, expected) => {
    expect(closeNames(wanted, KNOWN)).toEqual(expected);
  });

  it('suggests at most three names', () => {
    expect(closeNames('alert', ['a-alert', 'b-alert', 'c-alert', 'd-alert'])).toHaveLength(3);
  });
});
