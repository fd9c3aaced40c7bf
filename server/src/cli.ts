/**
 * The administration command line (`pnpm --filter @convene/server cli <command>`), working on the
 * database the server's configuration names (DATA_DIR or DATABASE_URL, as for `pnpm start`):
 *
 * ```
 * cli create-user <username> [--admin] [--display-name "Full Name"] [--password-stdin]
 * cli import <file> [--owner <username>] [--language en|fr|es] [--organisation WTO|WIPO|...]
 * ```

 * `import` reads a DOCX, HTML, PDF or text file (by its extension) into a new notice, as
 * `POST /api/notices/import` does, owned by `--owner` (default: nobody; an administrator sees it),
 * and prints its id and the import report. Several files: run it once per file.
 *
 * The password is asked for twice on the terminal (not echoed), or read from standard input with
 * `--password-stdin` (for scripts: `printf '%s' "$PW" | pnpm ... cli create-user ana --password-stdin`).
 */

import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { extname, resolve } from 'node:path'
import { IMPORT_MEDIA_TYPES, ImportError, importFile } from '@convene/import'
import { isNoticeLanguage, organisationNamed } from '@convene/schema'
import { AccountError } from './accounts/account-errors'
import { AccountService } from './accounts/account-service'
import { MembershipService } from './accounts/membership-service'
import { ConfigError, configFromEnv, type ServerConfig } from './config'
import { storeNewNotice } from './notices/store-new-notice'
import type { Database } from './storage/database'
import { openDatabase } from './storage/open-database'

const USAGE = `Usage: pnpm --filter @convene/server cli create-user <username> [--admin] [--display-name "Full Name"] [--password-stdin]
       pnpm --filter @convene/server cli import <file> [--owner <username>] [--language en|fr|es] [--organisation WTO|WIPO|WHO|ITU|UNECE|UN|UNIDO|OECD]`

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

/** The account service over `database`'s accounts, with the configured session lifetimes. */
function openAccounts(database: Database, config: ServerConfig): Promise<AccountService> {
  return AccountService.open({
    storage: database.accounts,
    sessionIdleMs: config.sessionIdleMs,
    sessionMaxMs: config.sessionMaxMs,
    accessTokenTtlMs: config.accessTokenTtlMs,
  })
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
    const accounts = await openAccounts(database, config)
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

const MEDIA_TYPE_OF_EXTENSION: Record<string, string> = {
  '.docx': IMPORT_MEDIA_TYPES.docx[0] as string,
  '.pdf': 'application/pdf',
  '.html': 'text/html',
  '.htm': 'text/html',
  '.txt': 'text/plain',
  '.text': 'text/plain',
  '.md': 'text/markdown',
}

/** `import <file> [--owner u] [--language l] [--organisation o]`: one file into a new notice. */
async function importNoticeFile(args: readonly string[], config: ServerConfig): Promise<void> {
  let file: string | undefined
  let owner: string | undefined
  const options: Parameters<typeof importFile>[2] = { maxBytes: config.maxImportBytes }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    const value = () => {
      const next = args[++i]
      if (next === undefined) throw new UsageError(`${arg} needs a value`)
      return next
    }
    if (arg === '--owner') owner = value()
    else if (arg === '--language') {
      const language = value()
      if (!isNoticeLanguage(language))
        throw new UsageError(`--language must be en, fr or es, not "${language}"`)
      options.language = language
    } else if (arg === '--organisation') {
      const name = value()
      const organisation = organisationNamed(name)
      if (!organisation) throw new UsageError(`Unknown organisation "${name}"`)
      options.organisation = organisation
    } else if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}`)
    else if (file === undefined) file = arg
    else throw new UsageError(`Unexpected argument "${arg}": import one file at a time`)
  }
  if (file === undefined) throw new UsageError('import needs a file')
  // pnpm --filter runs in server/: a relative path is the caller's, from where pnpm was started.
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file)
  const contentType = MEDIA_TYPE_OF_EXTENSION[extname(path).toLowerCase()]
  if (!contentType)
    throw new UsageError(`Cannot tell the type of ${file}: name it .docx, .pdf, .html or .txt`)
  const imported = await importFile(new Uint8Array(await readFile(path)), contentType, options)
  const database = await openDatabase(config)
  try {
    const accounts = await openAccounts(database, config)
    const user = owner === undefined ? null : await accounts.requireUser(owner)
    const limits = { maxBytes: config.maxNoticeBytes, maxItems: config.maxNoticeItems }
    const notice = await storeNewNotice(database.notices, randomUUID(), imported, limits)
    if (user) {
      const memberships = new MembershipService({
        storage: database.accounts,
        events: accounts.events,
        noticeExists: async (id) => (await database.notices.getNotice(id)) !== null,
      })
      await memberships.makeOwner(notice.id, user.id)
    }
    const { report } = imported
    console.log(`Imported ${file} as notice ${notice.id}${user ? ` owned by ${user.username}` : ''}`)
    console.log(
      `${report.format}, ${report.language}, ${report.organisation}: ${report.items} items, ${report.speakers} speakers, ${report.symbols} symbols, ${report.headings} headings, ${report.footnotes} footnotes`,
    )
    for (const line of report.dropped) console.log(`  dropped (${line.why}): ${line.text}`)
    for (const warning of report.warnings) console.log(`  warning: ${warning.message} at "${warning.at}"`)
  } finally {
    await database.close()
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv
  try {
    const config = configFromEnv(process.env)
    if (command === 'create-user') await createUser(args, config)
    else if (command === 'import') await importNoticeFile(args, config)
    else throw new UsageError(command === undefined ? 'No command given' : `Unknown command "${command}"`)
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`)
      return 2
    }
    if (error instanceof AccountError || error instanceof ConfigError || error instanceof ImportError) {
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
