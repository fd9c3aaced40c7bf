/**
 * The benchmark command: `tsx bench/run.ts <fanout|many|cold|persist|startup|all> [--flags]`.
 * Runs the chosen benchmarks on each server in turn (Convene, y-websocket, Hocuspocus, each in its
 * own process, with the same client harness), prints a table per benchmark and saves the results as
 * JSON under tests/bench/results/. Only 127.0.0.1 is ever contacted.
 */
import { parseArgs } from 'node:util'
import { COLD_DEFAULTS, COLD_START_OPTIONS, type ColdOptions, coldTable, runColdLoad } from './cold-load'
import { FANOUT_DEFAULTS, type FanoutOptions, fanoutTable, runFanout } from './fanout'
import { machineInfo, machineLine } from './machine'
import { MANY_DEFAULTS, type ManyOptions, manyTable, runManyNotices } from './many-notices'
import { PERSIST_DEFAULTS, type PersistOptions, persistTable, runPersistence } from './persistence'
import { saveResult } from './results'
import { type Outcome, runOnServers } from './server-loop'
import { SERVER_NAMES, type ServerName } from './servers'
import { runStartup, STARTUP_DEFAULTS, type StartupOptions, startupTable } from './startup'

const BENCHES = ['fanout', 'many', 'cold', 'persist', 'startup'] as const
type BenchName = (typeof BENCHES)[number]

const USAGE = `usage: tsx bench/run.ts <${BENCHES.join('|')}|all> [--servers ${SERVER_NAMES.join(',')}]
  fanout   --clients ${FANOUT_DEFAULTS.clients} --writers ${FANOUT_DEFAULTS.writers} --rate ${FANOUT_DEFAULTS.rate} --seconds ${FANOUT_DEFAULTS.seconds} --drain ${FANOUT_DEFAULTS.drain}
  many     --connections ${MANY_DEFAULTS.connections} --notices ${MANY_DEFAULTS.notices} --rate ${MANY_DEFAULTS.rate} --seconds ${MANY_DEFAULTS.seconds} --drain ${MANY_DEFAULTS.drain} --idle-wait ${MANY_DEFAULTS.idleWait}
  cold     --items ${COLD_DEFAULTS.items} --updates ${COLD_DEFAULTS.updates} --repeats ${COLD_DEFAULTS.repeats}
  persist  --writers ${PERSIST_DEFAULTS.writers} --rates ${PERSIST_DEFAULTS.rates.join(',')} --step-seconds ${PERSIST_DEFAULTS.stepSeconds} --window ${PERSIST_DEFAULTS.window}
  startup  --repeats ${STARTUP_DEFAULTS.repeats} --idle-wait ${STARTUP_DEFAULTS.idleWait} (its own servers: Convene compiled and from source, the y-websocket relay)
With "all", a flag applies to every benchmark that has it. Convene is started with an
administrator (ADMIN_USERNAME / ADMIN_PASSWORD) that the harness signs in as.`

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    servers: { type: 'string' },
    clients: { type: 'string' },
    writers: { type: 'string' },
    rate: { type: 'string' },
    seconds: { type: 'string' },
    drain: { type: 'string' },
    connections: { type: 'string' },
    notices: { type: 'string' },
    'idle-wait': { type: 'string' },
    items: { type: 'string' },
    updates: { type: 'string' },
    repeats: { type: 'string' },
    rates: { type: 'string' },
    'step-seconds': { type: 'string' },
    window: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})

/** The number given for `--name`, or `fallback` when the flag is absent. */
function num(name: keyof typeof values, fallback: number): number {
  const raw = values[name]
  if (raw === undefined) return fallback
  const value = Number(raw)
  if (typeof raw !== 'string' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`--${name} must be a non-negative number, got "${String(raw)}"`)
  }
  return value
}

function benchesToRun(): BenchName[] {
  const chosen = positionals.length === 0 ? ['all'] : positionals
  const benches = new Set<BenchName>()
  for (const name of chosen) {
    if (name === 'all') for (const bench of BENCHES) benches.add(bench)
    else if ((BENCHES as readonly string[]).includes(name)) benches.add(name as BenchName)
    else throw new RangeError(`Unknown benchmark "${name}"\n${USAGE}`)
  }
  return [...benches]
}

function serversToRun(): ServerName[] {
  if (!values.servers) return [...SERVER_NAMES]
  return values.servers.split(',').map((name) => {
    if (!(SERVER_NAMES as readonly string[]).includes(name))
      throw new RangeError(`Unknown server "${name}"\n${USAGE}`)
    return name as ServerName
  })
}

async function main(): Promise<number> {
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  const benches = benchesToRun()
  const servers = serversToRun()
  let failures = 0
  const record = <T>(
    name: string,
    options: unknown,
    outcomes: Outcome<T>[],
    table: string,
    startedAt: string,
  ) => {
    console.log(table)
    const file = saveResult(name, {
      bench: name,
      startedAt,
      finishedAt: new Date().toISOString(),
      machine: machineInfo(),
      options,
      outcomes,
    })
    console.log(`saved ${file}`)
    failures += outcomes.filter((outcome) => outcome.status === 'failed').length
  }

  for (const bench of benches) {
    const startedAt = new Date().toISOString()
    const machine = machineLine(machineInfo())
    if (bench === 'fanout') {
      const options: FanoutOptions = {
        clients: num('clients', FANOUT_DEFAULTS.clients),
        writers: num('writers', FANOUT_DEFAULTS.writers),
        rate: num('rate', FANOUT_DEFAULTS.rate),
        seconds: num('seconds', FANOUT_DEFAULTS.seconds),
        drain: num('drain', FANOUT_DEFAULTS.drain),
      }
      const outcomes = await runOnServers('fanout', servers, (server) => runFanout(server, options))
      record('fanout', options, outcomes, fanoutTable(outcomes, options, machine), startedAt)
    } else if (bench === 'many') {
      const options: ManyOptions = {
        connections: num('connections', MANY_DEFAULTS.connections),
        notices: num('notices', MANY_DEFAULTS.notices),
        rate: num('rate', MANY_DEFAULTS.rate),
        seconds: num('seconds', MANY_DEFAULTS.seconds),
        drain: num('drain', MANY_DEFAULTS.drain),
        idleWait: num('idle-wait', MANY_DEFAULTS.idleWait),
      }
      const outcomes = await runOnServers('many', servers, (server) => runManyNotices(server, options))
      record('many-notices', options, outcomes, manyTable(outcomes, options, machine), startedAt)
    } else if (bench === 'cold') {
      const options: ColdOptions = {
        items: num('items', COLD_DEFAULTS.items),
        updates: num('updates', COLD_DEFAULTS.updates),
        repeats: num('repeats', COLD_DEFAULTS.repeats),
      }
      const outcomes = await runOnServers(
        'cold',
        servers,
        (server) => runColdLoad(server, options),
        COLD_START_OPTIONS,
      )
      record('cold-load', options, outcomes, coldTable(outcomes, options, machine), startedAt)
    } else if (bench === 'startup') {
      const options: StartupOptions = {
        repeats: num('repeats', STARTUP_DEFAULTS.repeats),
        idleWait: num('idle-wait', STARTUP_DEFAULTS.idleWait),
      }
      const results = await runStartup(options)
      console.log(startupTable(results, options, machine))
      const file = saveResult('startup', {
        bench: 'startup',
        startedAt,
        finishedAt: new Date().toISOString(),
        machine: machineInfo(),
        options,
        results,
      })
      console.log(`saved ${file}`)
    } else {
      const options: PersistOptions = {
        writers: num('writers', PERSIST_DEFAULTS.writers),
        rates: values.rates ? values.rates.split(',').map(Number) : PERSIST_DEFAULTS.rates,
        stepSeconds: num('step-seconds', PERSIST_DEFAULTS.stepSeconds),
        window: num('window', PERSIST_DEFAULTS.window),
      }
      if (options.rates.some((rate) => !Number.isFinite(rate) || rate <= 0)) {
        throw new RangeError(`--rates must be positive numbers separated by commas, got "${values.rates}"`)
      }
      const outcomes = await runOnServers('persist', servers, (server) => runPersistence(server, options))
      record('persistence', options, outcomes, persistTable(outcomes, options, machine), startedAt)
    }
  }
  return failures > 0 ? 1 : 0
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exit(2)
  },
)
