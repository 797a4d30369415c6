import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeWire } from './fake-wire.js'
import { dataRowValues, errorFields, frontend, RawClient, types } from './raw-client.js'

describe('wire: queries over a fake engine', () => {
  let wire: Awaited<ReturnType<typeof startFakeWire>>

  beforeAll(async () => {
    wire = await startFakeWire()
  })
  afterAll(() => wire.stop())

  describe('simple protocol', () => {
    it('returns rows, fields and the command tag', async () => {
      const client = await wire.client()
      const result = await client.query('rows 3')
      expect(result.rows).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }])
      expect(result.fields.map((field) => [field.name, field.dataTypeID])).toEqual([['n', 23]])
      expect(result.command).toBe('SELECT')
      expect(result.rowCount).toBe(3)
    })

    it('answers each statement of a multi-statement query', async () => {
      const client = await wire.client()
      const results = (await client.query('rows 1; insert; rows 2')) as unknown as {
        command: string
        rowCount: number
      }[]
      expect(results.map((result) => [result.command, result.rowCount])).toEqual([
        ['SELECT', 1],
        ['INSERT', 1],
        ['SELECT', 2],
      ])
    })

    it('answers an empty query with EmptyQueryResponse and ReadyForQuery', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(frontend.query(''))
      expect(types(await client.readUntil('Z'))).toBe('IZ')
      client.destroy()
    })

    it('reports an engine error and keeps the connection usable', async () => {
      const client = await wire.client()
      await expect(client.query('fail')).rejects.toMatchObject({
        code: '42000',
        message: '[SQLCODE: <-1>:<Invalid SQL statement>]',
      })
      await expect(client.query('crash')).rejects.toMatchObject({
        code: 'XX000',
        message: 'engine exploded',
      })
      expect((await client.query('rows 1')).rows).toEqual([{ n: 1 }])
    })

    it('keeps the results before a failing statement of the same query', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(frontend.query('rows 1; fail; rows 2'))
      expect(types(await client.readUntil('Z'))).toBe('TDCEZ')
      client.destroy()
    })

    it('sends an ErrorResponse per failed statement when the session runs every statement', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(frontend.query('each: rows 1; fail; rows 2; fail'))
      expect(types(await client.readUntil('Z'))).toBe('TDCETDDCEZ')
      client.destroy()
    })

    it("reports the session's transaction status in ReadyForQuery", async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(frontend.query('begin'))
      const inTransaction = await client.readUntil('Z')
      expect(inTransaction.at(-1)!.body.toString()).toBe('T')
      client.send(frontend.query('commit'))
      expect((await client.readUntil('Z')).at(-1)!.body.toString()).toBe('I')
      client.destroy()
    })
  })

  describe('extended protocol', () => {
    it('runs the statement at Execute when the session answered Describe without running it', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(
        frontend.parse('', 'unrun rows 2'),
        frontend.bind('', '', []),
        frontend.describe('P', ''),
        frontend.execute('', 0),
        frontend.sync(),
      )
      expect(types(await client.readUntil('Z'))).toBe('12nDDCZ')
      const session = wire.engine.sessions.at(-1)
      expect(session?.executed.map((run) => run.sql)).toEqual(['unrun rows 2'])
      client.destroy()
    })

    it('binds text parameters, including NULL', async () => {
      const client = await wire.client()
      const result = await client.query('echo $1 $2 $3', ['a', null, 'ccc'])
      expect(result.rows).toEqual([{ p1: 'a', p2: null, p3: 'ccc' }])
    })

    it('reuses a named statement, and names of different connections do not collide', async () => {
      const first = await wire.client()
      const second = await wire.client()
      const echo = { name: 'shared-name', text: 'echo $1' }
      expect((await first.query({ ...echo, values: ['x'] })).rows).toEqual([{ p1: 'x' }])
      expect((await first.query({ ...echo, values: ['y'] })).rows).toEqual([{ p1: 'y' }])
      const other = { name: 'shared-name', text: 'rows 2', values: [] }
      expect((await second.query(other)).rows).toEqual([{ n: 1 }, { n: 2 }])
      expect((await first.query({ ...echo, values: ['z'] })).rows).toEqual([{ p1: 'z' }])
    })

    it('hands binary parameters to the engine as bytes', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(
        frontend.parse('', 'echo $1 $2'),
        frontend.bind('', '', ['text', Buffer.from([1, 2, 255])]),
        frontend.execute(''),
        frontend.sync(),
      )
      const messages = await client.readUntil('Z')
      expect(types(messages)).toBe('12DCZ')
      expect(dataRowValues(messages[2]!)).toEqual(['text', 'hex:0102ff'])
      client.destroy()
    })

    it('refuses binary result formats with 0A000', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(
        frontend.parse('', 'rows 1'),
        frontend.bind('', '', [], { binaryResults: true }),
        frontend.execute(''),
        frontend.sync(),
      )
      const messages = await client.readUntil('Z')
      expect(types(messages)).toBe('1EZ')
      expect(errorFields(messages[1]!)).toMatchObject({
        C: '0A000',
        M: 'only text result format is supported',
      })
      client.destroy()
    })

    it('describes a statement: ParameterDescription, then RowDescription or NoData', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(
        frontend.parse('echo', 'echo $1 $2', [23]),
        frontend.describe('S', 'echo'),
        frontend.parse('insert', 'insert'),
        frontend.describe('S', 'insert'),
        frontend.sync(),
      )
      const messages = await client.readUntil('Z')
      expect(types(messages)).toBe('1tT1tnZ')
      const parameterTypes = messages[1]!.body
      expect([parameterTypes.readInt16BE(0), parameterTypes.readInt32BE(2)]).toEqual([2, 23])
      expect(parameterTypes.readInt32BE(6)).toBe(25)
      expect(wire.engine.sessions.at(-1)!.executed).toEqual([])
      client.destroy()
    })

    it('runs a statement once when its portal is described and then executed', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(
        frontend.parse('', 'rows 2'),
        frontend.bind('', '', []),
        frontend.describe('P', ''),
        frontend.execute(''),
        frontend.sync(),
      )
      expect(types(await client.readUntil('Z'))).toBe('12TDDCZ')
      expect(wire.engine.sessions.at(-1)!.executed).toHaveLength(1)
      client.destroy()
    })

    it('honours Execute row limits with PortalSuspended (profile iris)', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(
        frontend.parse('', 'rows 5'),
        frontend.bind('cursor', '', []),
        frontend.execute('cursor', 2),
        frontend.flush(),
      )
      expect(types(await client.readUntil('s'))).toBe('12DDs')
      client.send(frontend.execute('cursor', 2), frontend.execute('cursor', 2), frontend.sync())
      const rest = await client.readUntil('Z')
      expect(types(rest)).toBe('DDsDCZ')
      expect(rest.filter((message) => message.type === 'D').map(dataRowValues)).toEqual([
        ['3'],
        ['4'],
        ['5'],
      ])
      client.destroy()
    })

    it('discards messages after an error until Sync, then works again', async () => {
      const client = await RawClient.connect(wire.port).then(({ client }) => client)
      client.send(
        frontend.parse('', 'fail'),
        frontend.bind('', '', []),
        frontend.execute(''),
        frontend.parse('', 'rows 1'),
        frontend.bind('', '', []),
        frontend.execute(''),
        frontend.sync(),
      )
      const messages = await client.readUntil('Z')
      expect(types(messages)).toBe('12EZ')
      expect(errorFields(messages[2]!)).toMatchObject({ S: 'ERROR', C: '42000' })
      client.send(
        frontend.parse('', 'rows 1'),
        frontend.bind('', '', []),
        frontend.execute(''),
        frontend.sync(),
      )
      expect(types(await client.readUntil('Z'))).toBe('12DCZ')
      client.destroy()
    })

    it('keeps the connection usable after an extended-protocol error through pg', async () => {
      const client = await wire.client()
      await expect(client.query('fail $1', ['x'])).rejects.toMatchObject({ code: '42000' })
      expect((await client.query('echo $1', ['after'])).rows).toEqual([{ p1: 'after' }])
    })

    it('closes statements and their portals', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(
        frontend.parse('s', 'rows 3'),
        frontend.bind('p', 's', []),
        frontend.close('S', 's'),
        frontend.execute('p'),
        frontend.sync(),
        frontend.bind('q', 's', []),
        frontend.sync(),
      )
      const first = await client.readUntil('Z')
      expect(types(first)).toBe('123EZ')
      expect(errorFields(first[3]!)).toMatchObject({ C: '34000', M: 'portal "p" does not exist' })
      const second = await client.readUntil('Z')
      expect(errorFields(second[0]!)).toMatchObject({
        C: '26000',
        M: 'prepared statement "s" does not exist',
      })
      client.destroy()
    })

    it('refuses to parse a named statement twice (42P05)', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(frontend.parse('s', 'rows 1'), frontend.parse('s', 'rows 2'), frontend.sync())
      const messages = await client.readUntil('Z')
      expect(types(messages)).toBe('1EZ')
      expect(errorFields(messages[1]!).C).toBe('42P05')
      client.destroy()
    })

    it('drops portals at Sync outside a transaction, keeps them inside one', async () => {
      const { client } = await RawClient.connect(wire.port)
      client.send(frontend.parse('', 'rows 1'), frontend.bind('p', '', []), frontend.sync())
      client.send(frontend.execute('p'), frontend.sync())
      await client.readUntil('Z')
      expect(errorFields((await client.readUntil('Z'))[0]!).C).toBe('34000')
      client.send(frontend.query('begin'))
      await client.readUntil('Z')
      client.send(frontend.bind('p', '', []), frontend.sync())
      client.send(frontend.execute('p'), frontend.sync())
      await client.readUntil('Z')
      expect(types(await client.readUntil('Z'))).toBe('DCZ')
      client.destroy()
    })
  })

  it('serves many concurrent clients, each in order', async () => {
    const clients = await Promise.all(Array.from({ length: 25 }, () => wire.client()))
    const results = await Promise.all(
      clients.map(async (client, clientIndex) => {
        const echoed: string[] = []
        for (let index = 0; index < 20; index++) {
          const result = await client.query('echo $1', [`${clientIndex}:${index}`])
          echoed.push(result.rows[0].p1)
        }
        return echoed
      }),
    )
    expect(results.flat()).toEqual(
      clients.flatMap((_, clientIndex) =>
        Array.from({ length: 20 }, (_, index) => `${clientIndex}:${index}`),
      ),
    )
  })
})

describe('wire: the iris-pgwire profiles ignore Execute row limits (docs/iris-sql.md#execute-row-limit)', () => {
  it('sends every row and CommandComplete, never PortalSuspended', async () => {
    const wire = await startFakeWire({ honourRowLimit: false })
    try {
      const { client } = await RawClient.connect(wire.port)
      client.send(
        frontend.parse('', 'rows 5'),
        frontend.bind('', '', []),
        frontend.execute('', 2),
        frontend.sync(),
      )
      expect(types(await client.readUntil('Z'))).toBe('12DDDDDCZ')
      client.destroy()
    } finally {
      await wire.stop()
    }
  })
})
