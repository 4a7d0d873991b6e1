import type { RunStep } from '../../api/types';

/** Who a Defender step called Defender as: the app, or a person On-Behalf-Of them (`run_as`). */
export function ActedAs({ actedAs }: { actedAs: RunStep['actedAs'] }) {
  if (!actedAs) return null;
  return (
    <p className="muted" data-acted-as={actedAs.kind === 'user' ? actedAs.upn : 'app'}>
      {actedAs.kind === 'user' ? (
        <>
          Acted as <strong className="mono">{actedAs.upn}</strong> (the run&apos;s {actedAs.run_as}, their Defender role and device groups)
        </>
      ) : (
        <>
          Acted as the app <span className="mono">{actedAs.client_id}</span> (connection {actedAs.connection})
        </>
      )}
    </p>
  );
}
