import { registerStorageContractTests } from '../storage-contract'
import { createMemoryStorage } from './memory-storage'

registerStorageContractTests('memory', async (clock) => createMemoryStorage({ now: clock.now }))
