import Router from '@koa/router';
import type { AppState } from '../context';
import { inputOf, validateQuery } from '../http/validate';
import { allow } from '../policies';
import { AccountSearchSchema, type AccountSearch } from './schema';
import { searchAccounts } from './search';

/**
 * The platform administrator's view of every account (the « Comptes » console): search by e-mail
 * or name, paged. Changes go through the existing routes (PATCH /api/users/:id, the second-factor
 * reset under /api/auth).
 */
export function userRoutes(state: AppState): Router {
  const router = new Router({ prefix: '/api' });

  // Exactly `/api/users`: the referential's `/api/users/:id` routes are another router's.
  router.get('/users', allow('user.search'), validateQuery(AccountSearchSchema), async function searchUsers(ctx) {
    ctx.body = await searchAccounts(state, inputOf<AccountSearch>(ctx));
  });

  return router;
}
