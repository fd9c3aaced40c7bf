/**
 * The machine a benchmark ran on (CPU model, cores, memory, Node version, load), printed on top of
 * every table and saved in every result: figures from a shared 2-core box and from a quiet
 * workstation must never be compared without saying so.
 */
import os from 'node:os'

/** What the results depend on outside the code under test. */
export type MachineInfo = {
  cpuModel: string
  cores: number
  memoryGiB: number
  node: string
  platform: string
  loadAverage: number[]
}

/** Reads the machine description now (the load average is the one at the call). */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus()
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: os.loadavg().map((load) => Math.round(load * 100) / 100),
  }
}

/** One line for the top of a table. */
export function machineLine(info: MachineInfo): string {
  return (
    `machine: ${info.cpuModel}, ${info.cores} cores, ${info.memoryGiB} GiB, node ${info.node}, ` +
    `${info.platform}, load ${info.loadAverage.join(' ')}`
  )
}
