// Route table for /restapi/json/v1 (research §2, §7.4).
import { accountRoutes } from './accounts';
import { resourceRoutes } from './resources';
import { userRoutes } from './users';
import type { Route } from './util';

export type { ApiContext, Route } from './util';

export const routes: Route[] = [...resourceRoutes, ...accountRoutes, ...userRoutes];
