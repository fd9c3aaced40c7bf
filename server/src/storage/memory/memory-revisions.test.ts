import { createMemoryRevisionStorage } from './memory-revisions'
import { createMemoryStorage } from './memory-storage'
import { registerRevisionStorageContractTests } from './revision-storage-contract'

registerRevisionStorageContractTests('memory', async (clock) => {
  const notices = createMemoryStorage({ now: clock.now })
  return { notices, revisions: createMemoryRevisionStorage({ notices, now: clock.now }) }
})
