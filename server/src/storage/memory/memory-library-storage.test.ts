import { registerLibraryStorageContractTests } from '../library-storage-contract'
import { registerSpeakerStorageContractTests } from '../speaker-storage-contract'
import { createMemoryLibraryStorage } from './memory-library-storage'
import { createMemorySpeakerStorage } from './memory-speaker-storage'
import { createMemoryStorage } from './memory-storage'

registerLibraryStorageContractTests('memory', async () => {
  const notices = createMemoryStorage()
  const library = createMemoryLibraryStorage(notices)
  return {
    notices,
    library,
    close: async () => Promise.all([library.close(), notices.close()]).then(() => {}),
  }
})

registerSpeakerStorageContractTests('memory', async () => {
  const notices = createMemoryStorage()
  const speakers = createMemorySpeakerStorage(notices)
  return {
    notices,
    speakers,
    close: async () => Promise.all([speakers.close(), notices.close()]).then(() => {}),
  }
})
