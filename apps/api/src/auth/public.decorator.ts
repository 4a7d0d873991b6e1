import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'soar:public';

/** Reachable without an API key: health probes (npm start, load balancers) and the API's own documentation. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
