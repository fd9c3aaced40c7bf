import { registerRevisionStorageContractTests } from '../revision-storage-contract'
import { createMemoryRevisionStorage } from './memory-revisions'
import { createMemoryStorage } from './memory-storage'

registerRevisionStorageContractTests('memory', async (clock) => {
  const notices = createMemoryStorage({ now: clock.now })
  return { notices, revisions: createMemoryRevisionStorage({ notices, now: clock.now }) }
})
