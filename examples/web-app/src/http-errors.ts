import { EMBEDDING_DIMENSION } from '@kysely-iris/demo'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import {
  IrisConnectionError,
  IrisError,
  IrisForeignKeyViolationError,
  IrisInputError,
  IrisTimeoutError,
  IrisUniqueViolationError,
  IrisVectorMismatchError,
} from 'kysely-iris'

/** An error a route raises on purpose, with the status and the message the client sees. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message)
    this.name = 'HttpError'
  }
}

export const notFound = (what: string) => new HttpError(404, `${what} not found`)
export const badRequest = (message: string) => new HttpError(400, message)

interface Mapped {
  statusCode: number
  message: string
}

/**
 * What a failure means to an HTTP client. Messages are written here, never copied from a database
 * error: an IrisError carries the SQL (and the server's message may quote it), so an error
 * response never contains SQL. The full error goes to the server log only.
 */
export function mapError(error: unknown): Mapped {
  if (error instanceof HttpError) return { statusCode: error.statusCode, message: error.message }
  if (error instanceof IrisUniqueViolationError) {
    return { statusCode: 409, message: 'a document with this slug already exists' }
  }
  if (error instanceof IrisForeignKeyViolationError) {
    return { statusCode: 400, message: 'authorId does not name an existing author' }
  }
  if (error instanceof IrisInputError || error instanceof IrisVectorMismatchError) {
    return {
      statusCode: 400,
      message: `invalid vector: it must be ${EMBEDDING_DIMENSION} finite numbers`,
    }
  }
  if (error instanceof IrisConnectionError || error instanceof IrisTimeoutError) {
    return { statusCode: 503, message: 'the database is unavailable; try again later' }
  }
  if (error instanceof IrisError) return { statusCode: 500, message: 'internal database error' }
  if (isFastifyClientError(error)) {
    // Fastify's own 4xx errors (validation, malformed JSON, oversized body) name the request
    // part at fault and never involve the database.
    return { statusCode: error.statusCode as number, message: error.message }
  }
  return { statusCode: 500, message: 'internal error' }
}

function isFastifyClientError(error: unknown): error is FastifyError {
  const statusCode = (error as FastifyError | null)?.statusCode
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500
}

const STATUS_NAMES: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  409: 'Conflict',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
}

/** Fastify error handler: logs the whole error, answers with the mapped status and message. */
export async function handleError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const { statusCode, message } = mapError(error)
  if (statusCode >= 500) request.log.error({ err: error }, 'request failed')
  else request.log.info({ err: error }, 'request rejected')
  if (statusCode === 503) reply.header('retry-after', '1')
  return reply.status(statusCode).send({
    statusCode,
    error: STATUS_NAMES[statusCode] ?? 'Error',
    message,
  })
}
