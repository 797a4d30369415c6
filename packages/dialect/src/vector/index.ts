export { createHnswIndex, type HnswDistance, type HnswIndexOptions } from './hnsw-index.js'
export { type NearestNeighborsOptions, nearestNeighbors } from './nearest-neighbors.js'
export { parseVector } from './parse-vector.js'
export { cosineDistance, cosineSimilarity, dotProduct, type VectorColumn } from './similarity.js'
export { toVector, type VectorOperand } from './to-vector.js'
export { VectorPlugin, type VectorPluginOptions } from './vector-plugin.js'
export {
  MAX_VECTOR_DIMENSIONS,
  MAX_VECTOR_TEXT_LENGTH,
  VECTOR_ELEMENT_TYPES,
  type VectorElementType,
  type VectorTextOptions,
  type VectorValues,
} from './vector-text.js'
export { vectorType } from './vector-type.js'
