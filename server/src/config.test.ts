import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, configFromEnv, DEFAULT_CONFIG } from './config'

describe('configFromEnv', () => {
  it('uses the defaults, with data in the repository’s data/ folder whatever the working directory', () => {
    const config = configFromEnv({}, '/somewhere/else')
    expect(config).toEqual(DEFAULT_CONFIG)
    expect(config.dataDir.endsWith(join('data'))).toBe(true)
    expect(config.dataDir).not.toContain('/somewhere/else')
    expect(config.dataDir).not.toContain(`${join('server', 'data')}`)
    expect(config.port).toBe(8787)
    expect(config.host).toBe('127.0.0.1')
  })

  it('reads each variable, resolving a relative DATA_DIR against the directory pnpm was started in', () => {
    const config = configFromEnv(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        DATA_DIR: 'var/db',
        LOG_LEVEL: 'DEBUG',
        MAX_MESSAGE_BYTES: '2048',
        INIT_CWD: '/repo',
      },
      '/repo/server',
    )
    expect(config).toMatchObject({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/repo/var/db',
      logLevel: 'debug',
      maxMessageBytes: 2048,
    })
  })

  it('refuses a bad value, naming the variable and the value', () => {
    expect(() => configFromEnv({ PORT: '80a' })).toThrow(
      new ConfigError('PORT must be an integer from 0 to 65535, got "80a"'),
    )
    expect(() => configFromEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of .*got "loud"/)
    expect(() => configFromEnv({ MAX_MESSAGE_BYTES: '10' })).toThrow(
      /MAX_MESSAGE_BYTES must be an integer from 1024/,
    )
  })

  it('reads the cluster settings, and refuses a Redis URL of another scheme without showing its password', () => {
    expect(
      configFromEnv({
        REDIS_URL: 'redis://127.0.0.1:6379/0',
        REDIS_PREFIX: 'convene-staging',
        INSTANCE_ID: 'web-1',
        CATCH_UP_INTERVAL_MS: '2000',
        CLUSTER_HEARTBEAT_MS: '500',
      }),
    ).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379/0',
      redisPrefix: 'convene-staging',
      instanceId: 'web-1',
      catchUpIntervalMs: 2000,
      heartbeatMs: 500,
    })
    expect(() => configFromEnv({ REDIS_URL: 'http://user:secret@cache:6379' })).toThrow(
      new ConfigError('REDIS_URL must be a redis:// or rediss:// URL, got "http://user:***@cache:6379/"'),
    )
    expect(() => configFromEnv({ REDIS_PREFIX: 'a b' })).toThrow(/REDIS_PREFIX must be 1 to 100 letters/)
  })
})
