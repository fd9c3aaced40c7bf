/**
 * The entry point (`pnpm start`): reads the configuration from the environment, starts the
 * server, prints the URL to open, and stops gracefully on SIGTERM or SIGINT.
 */
import { describeDemoAccounts } from './accounts/initial-accounts'
import { ConfigError, configFromEnv } from './config'
import { startServer } from './start-server'

async function main(): Promise<void> {
  let config: ReturnType<typeof configFromEnv>
  try {
    config = configFromEnv(process.env)
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    console.error(`Convene cannot start: ${error.message}`)
    process.exit(2)
  }
  const server = await startServer(config)
  console.log(`Convene is running at ${server.url}`)
  if (server.demoAccounts.length > 0) console.log(describeDemoAccounts(server.url, server.demoAccounts))

  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      console.error(`Convene: ${signal} again, exiting without waiting`)
      process.exit(1)
    }
    stopping = true
    console.log(`Convene: ${signal} received, stopping (storing pending updates first)`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Convene: error while stopping', error)
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((error: unknown) => {
  console.error('Convene failed to start:', error)
  process.exit(1)
})
