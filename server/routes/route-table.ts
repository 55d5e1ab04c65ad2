import type { RouteSpec } from '../http/route-spec.ts';
import { apiTokenRoutes } from './api-tokens.routes.ts';
import { auditRoutes } from './audit.routes.ts';
import { authRoutes } from './auth.routes.ts';
import { calendarRoutes } from './calendar.routes.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { documentRoutes } from './documents.routes.ts';
import { exchangeRoutes } from './exchange.routes.ts';
import { homeRoutes } from './home.routes.ts';
import { indicatorRoutes } from './indicators.routes.ts';
import { metaRoutes } from './meta.routes.ts';
import { notificationRoutes } from './notifications.routes.ts';
import { orgRoutes } from './org.routes.ts';
import { planRoutes } from './plans.routes.ts';
import { registryRoutes } from './registry.routes.ts';
import { reportAttachmentRoutes } from './report-attachments.routes.ts';
import { reportingRoutes } from './reporting.routes.ts';
import { rosterRoutes } from './rosters.routes.ts';
import { setupRoutes } from './setup.routes.ts';
import { userRoutes } from './users.routes.ts';

/** Every API route of the server, with its declared access. The permission tests read this. */
export function routeTable(options: { sessionTtlHours: number }): RouteSpec[] {
  return [
    ...metaRoutes(),
    ...auditRoutes(),
    ...authRoutes(options),
    ...setupRoutes(options),
    ...orgRoutes(),
    ...userRoutes(),
    ...documentRoutes(),
    ...registryRoutes(),
    ...planRoutes(),
    ...reportingRoutes(),
    ...indicatorRoutes(),
    ...homeRoutes(),
    ...exchangeRoutes(),
    ...dashboardRoutes(),
    ...reportAttachmentRoutes(),
    ...notificationRoutes(),
    ...calendarRoutes(),
    ...apiTokenRoutes(),
    ...rosterRoutes(),
  ];
}
