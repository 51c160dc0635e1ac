import { HealthReply, SERVER_ROUTES } from '../../../common/sync/server-api';
import type { ServerPlugin } from '../context';

/** GET /health: no authentication; says which database backs the server. */
export const healthPlugin: ServerPlugin = {
  name: 'health',
  public(scope, ctx) {
    ctx.openapi.add({
      method: 'get',
      path: SERVER_ROUTES.health,
      summary: 'Liveness and database kind',
      auth: 'none',
      reply: HealthReply,
    });
    scope.get(SERVER_ROUTES.health, async (): Promise<HealthReply> => {
      // A trivial transaction proves the database answers, not only the process.
      await ctx.db.withoutTenant((q) => q.query('select 1'));
      return HealthReply.parse({ status: 'ok', version: ctx.version, database: ctx.db.kind });
    });
  },
};
