/**
 * The demo's data, generated deterministically from a seed: the same authors, tags and documents
 * on every machine and every run, so that the demo can print facts a test checks (row counts,
 * the top-k ids of a fixed search).
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { mersenne } from 'pure-rand/generator/mersenne'

export interface AuthorSeed {
  name: string
  email: string
}

export interface DocumentSeed {
  slug: string
  title: string
  body: string
  /** The email of one of {@link AUTHORS}. */
  authorEmail: string
  published: boolean
  /** Names from {@link TOPICS}, the first being the document's main topic. */
  tags: string[]
}

export const AUTHORS: readonly AuthorSeed[] = [
  { name: 'Maya Chen', email: 'maya.chen@example.com' },
  { name: 'Tomas Ortega', email: 'tomas.ortega@example.com' },
  { name: 'Priya Raman', email: 'priya.raman@example.com' },
  { name: 'Jonas Berg', email: 'jonas.berg@example.com' },
  { name: 'Amara Okafor', email: 'amara.okafor@example.com' },
]

/** Each topic is a tag and the vocabulary its documents are written in. */
export const TOPICS: Readonly<Record<string, readonly string[]>> = {
  databases: ['sql', 'query', 'index', 'table', 'transaction', 'schema', 'join', 'row', 'column'],
  vectors: [
    'vector',
    'embedding',
    'similarity',
    'cosine',
    'hnsw',
    'nearest',
    'neighbour',
    'search',
  ],
  typescript: ['typescript', 'type', 'interface', 'generic', 'compiler', 'inference', 'strict'],
  healthcare: ['patient', 'clinical', 'record', 'fhir', 'hospital', 'diagnosis', 'care', 'hl7'],
  networking: ['protocol', 'socket', 'wire', 'packet', 'latency', 'handshake', 'tls', 'port'],
  testing: ['test', 'assertion', 'fixture', 'mock', 'coverage', 'regression', 'suite', 'golden'],
  performance: ['benchmark', 'throughput', 'cache', 'memory', 'profile', 'parallel', 'batch'],
  security: ['auth', 'password', 'encryption', 'audit', 'permission', 'role', 'certificate'],
  cloud: ['container', 'kubernetes', 'deploy', 'cluster', 'region', 'scaling', 'replica'],
  analytics: ['report', 'dashboard', 'metric', 'aggregate', 'trend', 'chart', 'warehouse'],
  devops: ['pipeline', 'build', 'release', 'artifact', 'version', 'rollback', 'monitor', 'alert'],
  ai: ['model', 'training', 'rag', 'prompt', 'llm', 'retrieval', 'agent', 'context'],
}

const TOPIC_NAMES = Object.keys(TOPICS)
const CONNECTIVES = ['with', 'for', 'and', 'on', 'in', 'over', 'without']
const TITLE_TEMPLATES = [
  (a: string, b: string) => `Notes on ${a} and ${b}`,
  (a: string, b: string) => `A field guide to ${a} ${b}`,
  (a: string, b: string) => `Why ${a} needs ${b}`,
  (a: string, b: string) => `${capitalize(a)} ${b} in practice`,
  (a: string, b: string) => `Lessons from ${a} at scale: ${b}`,
]

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T
}

function wordsOf(topic: string): readonly string[] {
  return TOPICS[topic] ?? []
}

function sentence(random: () => number, topics: readonly string[]): string {
  const length = 6 + Math.floor(random() * 6)
  const words: string[] = []
  for (let i = 0; i < length; i++) {
    // Mostly the main topic's words; some from the others; a connective now and then.
    const roll = random()
    if (roll < 0.15) words.push(pick(random, CONNECTIVES))
    else
      words.push(pick(random, wordsOf(roll < 0.7 ? (topics[0] as string) : pick(random, topics))))
  }
  return `${capitalize(words.join(' '))}.`
}

/** The demo's documents: `count` of them, the same for the same `seed`. */
export function generateDocuments(count: number, seed = 2026): DocumentSeed[] {
  // pure-rand's Mersenne Twister: the same documents for the same seed.
  const generator = mersenne(seed)
  const random = () => uniformFloat64(generator)
  const documents: DocumentSeed[] = []
  for (let i = 1; i <= count; i++) {
    const main = pick(random, TOPIC_NAMES)
    const tags = [main]
    const second = pick(random, TOPIC_NAMES)
    if (random() < 0.6 && second !== main) tags.push(second)
    const title = pick(random, TITLE_TEMPLATES)(
      pick(random, wordsOf(main)),
      pick(random, wordsOf(tags.at(-1) as string)),
    )
    const sentences = 3 + Math.floor(random() * 4)
    const body = Array.from({ length: sentences }, () => sentence(random, tags)).join(' ')
    documents.push({
      slug: `doc-${String(i).padStart(5, '0')}`,
      title,
      body,
      authorEmail: pick(random, AUTHORS).email,
      published: random() < 0.85,
      tags,
    })
  }
  return documents
}
