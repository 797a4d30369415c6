/**
 * A deterministic text embedding: the hashing trick over a bag of words, L2-normalised.
 *
 * No model and no download: each word is hashed (FNV-1a) to one of {@link EMBEDDING_DIMENSION}
 * buckets, with a sign from a second hash so that collisions cancel out on average instead of
 * piling up. Texts that share words get a high cosine similarity; that is all a demo of vector
 * search needs, and the same text always gives the same vector, on every machine.
 *
 * The demo seeds `document.embedding` with it, and the web app embeds `POST /search { text }`
 * with it: one function, so that a query and the stored documents live in the same space.
 */

/** The length of every embedding, matching the `VECTOR(FLOAT, 384)` column. */
export const EMBEDDING_DIMENSION = 384

const FNV_OFFSET_BASIS = 0x811c9dc5
const FNV_PRIME = 0x01000193
/** A second offset basis, so that the sign hash is independent of the bucket hash. */
const SIGN_OFFSET_BASIS = 0x9747b28c

function fnv1a(text: string, offsetBasis: number): number {
  let hash = offsetBasis
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, FNV_PRIME) >>> 0
  }
  return hash
}

/** Lower-cased words of letters and digits; punctuation separates them. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? []
}

/**
 * Embeds `text` as a unit-length vector of {@link EMBEDDING_DIMENSION} numbers.
 * Throws a RangeError when the text has no word to embed (its vector would have no direction).
 */
export function embed(text: string): number[] {
  const words = tokenize(text)
  if (words.length === 0) {
    throw new RangeError('embed(): the text has no letters or digits to embed')
  }
  const vector = new Array<number>(EMBEDDING_DIMENSION).fill(0)
  for (const word of words) {
    const bucket = fnv1a(word, FNV_OFFSET_BASIS) % EMBEDDING_DIMENSION
    const sign = fnv1a(word, SIGN_OFFSET_BASIS) & 1 ? -1 : 1
    vector[bucket] = (vector[bucket] ?? 0) + sign
  }
  const norm = Math.hypot(...vector)
  if (norm === 0) {
    throw new RangeError('embed(): the words of the text cancel out; add another word')
  }
  return vector.map((value) => value / norm)
}
