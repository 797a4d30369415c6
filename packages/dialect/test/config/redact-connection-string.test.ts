import { describe, expect, it } from 'vitest'
import { redactConnectionString } from '../../src/index.js'

describe('redactConnectionString', () => {
  it.each([
    ['postgres://_SYSTEM:SYS@localhost:5432/USER', 'postgres://_SYSTEM:***@localhost:5432/USER'],
    ['postgres://app:p%40ss:w0rd@h/NS', 'postgres://app:***@h/NS'],
    ['postgres://app@h:5432/USER', 'postgres://app@h:5432/USER'],
    ['postgres://h:5432/USER', 'postgres://h:5432/USER'],
    ['not a url but://u:secret@x', 'not a url but://u:***@x'],
  ])('%s → %s', (url, redacted) => {
    expect(redactConnectionString(url)).toBe(redacted)
  })
})
