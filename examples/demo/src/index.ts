/**
 * What the web app shares with the demo: one schema (its migrations and generated types), one
 * deterministic embedding, one seed.
 */
export type { DB } from './demo-schema.js'
export { type DocumentFields, documentRow, embeddingText } from './document-row.js'
export { EMBEDDING_DIMENSION, embed } from './embed.js'
export {
  createMigrator,
  migrateToLatest,
  migrateToNothing,
  migrations,
} from './migrations/index.js'
export { countStore, DOCUMENT_COUNT, type StoreCounts, seedStore } from './seed.js'
