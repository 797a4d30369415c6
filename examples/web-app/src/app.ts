import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox'
import type { DB } from '@kysely-iris/demo'
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyServerOptions,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify'
import type { Kysely } from 'kysely'
import { handleError } from './http-errors.js'
import { documentRoutes } from './routes/documents.js'
import { searchRoutes } from './routes/search.js'

/** A Fastify instance whose routes are typed by their TypeBox schemas. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>

export interface AppOptions {
  /** The database. The app owns it from now on: closing the app destroys it (and its pool). */
  db: Kysely<DB>
  /** Fastify's logger option; off by default (tests), on in `server.ts`. */
  logger?: FastifyServerOptions['logger']
}

/** Builds the app without listening: tests drive it with `app.inject()`, `server.ts` listens. */
export function buildApp({ db, logger = false }: AppOptions): App {
  const app: App = Fastify({ logger }).withTypeProvider<TypeBoxTypeProvider>()
  // TypeBox validates: bodies exactly as sent (no coercion), params and query strings converted
  // from text first.
  app.setValidatorCompiler(TypeBoxValidatorCompiler)
  app.setErrorHandler(handleError)
  // Graceful shutdown: app.close() (on SIGTERM in server.ts) lets in-flight requests finish,
  // then destroys the Kysely instance, which ends the pg pool.
  app.addHook('onClose', async () => {
    await db.destroy()
  })
  app.register(documentRoutes, { db })
  app.register(searchRoutes, { db })
  return app
}
