import { registerCompanionStorageContractTests } from '../account-storage-contract'
import { createMemoryAccountStorage } from './memory-account-storage'
import { createMemoryCommentStorage } from './memory-comment-storage'
import { createMemoryStorage } from './memory-storage'

registerCompanionStorageContractTests('memory', async () => {
  const notices = createMemoryStorage()
  const accounts = createMemoryAccountStorage()
  const comments = createMemoryCommentStorage(notices)
  return {
    notices,
    accounts,
    comments,
    close: async () => {
      await Promise.all([accounts.close(), comments.close(), notices.close()])
    },
  }
})
