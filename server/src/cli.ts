/**
 * The administration command line (`pnpm --filter @convene/server cli <command>`), working on the
 * database the server's configuration names (DATA_DIR or DATABASE_URL, as for `pnpm start`):
 *
 * ```
 * cli create-user <username> [--admin] [--display-name "Full Name"] [--password-stdin]
 * ```
 *
 * The password is asked for twice on the terminal (not echoed), or read from standard input with
 * `--password-stdin` (for scripts: `printf '%s' "$PW" | pnpm ... cli create-user ana --password-stdin`).
 */
import { AccountError } from './accounts/account-errors'
import { AccountService } from './accounts/account-service'
import { ConfigError, configFromEnv, type ServerConfig } from './config'
import { openDatabase } from './storage/open-database'

const USAGE = `Usage: pnpm --filter @convene/server cli create-user <username> [--admin] [--display-name "Full Name"] [--password-stdin]`

/** A command line that does not parse; printed with the usage, exit code 2. */
class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}

type CreateUserArgs = {
  username: string
  admin: boolean
  displayName: string | undefined
  passwordStdin: boolean
}

function parseCreateUser(args: readonly string[]): CreateUserArgs {
  const parsed: CreateUserArgs = { username: '', admin: false, displayName: undefined, passwordStdin: false }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--admin') parsed.admin = true
    else if (arg === '--password-stdin') parsed.passwordStdin = true
    else if (arg === '--display-name') {
      const value = args[++i]
      if (value === undefined) throw new UsageError('--display-name needs a value')
      parsed.displayName = value
    } else if (arg.startsWith('--display-name=')) parsed.displayName = arg.slice('--display-name='.length)
    else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}`)
    else if (parsed.username === '') parsed.username = arg
    else throw new UsageError(`Unexpected argument "${arg}"`)
  }
  if (parsed.username === '') throw new UsageError('create-user needs a username')
  return parsed
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  // One trailing newline is the shell's, not the password's.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '')
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin
  if (!input.isTTY) {
    return Promise.reject(new UsageError('No terminal to ask for the password: use --password-stdin'))
  }
  process.stderr.write(question)
  return new Promise((resolve, reject) => {
    let value = ''
    input.setRawMode(true)
    input.resume()
    input.setEncoding('utf8')
    const onData = (chunk: string): void => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') {
          done()
          resolve(value)
          return
        }
        if (char === '\u0003') {
          done()
          reject(new UsageError('Cancelled'))
          return
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1)
        else value += char
      }
    }
    const done = (): void => {
      input.off('data', onData)
      input.setRawMode(false)
      input.pause()
      process.stderr.write('\n')
    }
    input.on('data', onData)
  })
}

async function createUser(args: readonly string[], config: ServerConfig): Promise<void> {
  const options = parseCreateUser(args)
  let password: string
  if (options.passwordStdin) {
    password = await readStdin()
  } else {
    password = await promptHidden(`Password for ${options.username}: `)
    if ((await promptHidden('Repeat the password: ')) !== password)
      throw new UsageError('The passwords differ')
  }
  const database = await openDatabase(config)
  try {
    const accounts = await AccountService.open({
      storage: database.accounts,
      sessionIdleMs: config.sessionIdleMs,
      sessionMaxMs: config.sessionMaxMs,
      accessTokenTtlMs: config.accessTokenTtlMs,
    })
    const user = await accounts.createUser({
      username: options.username,
      password,
      isAdmin: options.admin,
      ...(options.displayName !== undefined ? { displayName: options.displayName } : {}),
    })
    console.log(`Created ${user.isAdmin ? 'administrator' : 'user'} "${user.username}" (${user.displayName})`)
  } finally {
    await database.close()
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv
  try {
    const config = configFromEnv(process.env)
    if (command === 'create-user') await createUser(args, config)
    else throw new UsageError(command === undefined ? 'No command given' : `Unknown command "${command}"`)
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`)
      return 2
    }
    if (error instanceof AccountError || error instanceof ConfigError) {
      console.error(`Convene: ${error.message}`)
      return 1
    }
    throw error
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Convene cli failed:', error)
    process.exit(1)
  },
)
