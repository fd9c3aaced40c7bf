/**
 * An HTTP API call that failed: the server's status (0 when the server could not be reached), its
 * message, and for a validation error the request field it is about (the error body's `field`).
 */
export class ApiError extends Error {
  readonly status: number
  readonly field: string | undefined
  constructor(status: number, message: string, options?: ErrorOptions & { field?: string }) {
    super(message, options)
    this.name = 'ApiError'
    this.status = status
    this.field = options?.field
  }
}
