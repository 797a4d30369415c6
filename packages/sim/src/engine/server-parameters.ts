/** ParameterStatus values sent after authentication: what iris-pgwire reports (docs/iris-sql.md#server-identity). */
export const SERVER_PARAMETERS: Readonly<Record<string, string>> = Object.freeze({
  server_version: '16.0 (InterSystems IRIS)',
  server_encoding: 'UTF8',
  client_encoding: 'UTF8',
  DateStyle: 'ISO, MDY',
  integer_datetimes: 'on',
  standard_conforming_strings: 'on',
  TimeZone: 'UTC',
  application_name: '',
})
