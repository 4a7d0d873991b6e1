import { createContext, useContext } from 'react';
import { permissionsOf, type Permissions } from './permissions';

export const PermissionsContext = createContext<Permissions>(permissionsOf(null));

/** What the signed-in principal may do, for hiding actions they could not take. */
export const usePermissions = (): Permissions => useContext(PermissionsContext);
