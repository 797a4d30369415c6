import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    name: 'consumer',
    include: ['*.test.ts'],
  },
})
