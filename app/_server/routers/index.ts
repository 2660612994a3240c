import { router } from "../trpc";
import { auditRouter } from "./audit";
import { componentsRouter } from "./components";
import { componentConnectionsRouter } from "./component-connections";
import { connectionsRouter } from "./connections";
import { customersRouter } from "./customers";
import { designerRouter } from "./designer";
import { embeddingRouter } from "./embedding";
import { executionsRouter } from "./executions";
import { instancesRouter } from "./instances";
import { integrationsRouter } from "./integrations";
import { monitoringRouter } from "./monitoring";
import { marketplaceRouter } from "./marketplace";
import { sessionRouter } from "./session";
import { tokensRouter } from "./tokens";
import { usersRouter } from "./users";

export const appRouter = router({
  session: sessionRouter,
  tokens: tokensRouter,
  users: usersRouter,
  audit: auditRouter,
  integrations: integrationsRouter,
  customers: customersRouter,
  connections: connectionsRouter,
  instances: instancesRouter,
  executions: executionsRouter,
  monitoring: monitoringRouter,
  components: componentsRouter,
  componentConnections: componentConnectionsRouter,
  marketplace: marketplaceRouter,
  designer: designerRouter,
  embedding: embeddingRouter,
});

export type AppRouter = typeof appRouter;
