import { createMemoryStorage } from './memory-storage'
import { registerStorageContractTests } from './storage-contract'

registerStorageContractTests('memory', async (clock) => createMemoryStorage({ now: clock.now }))
