/**
 * Slow consumers: a client that stops reading (a paused tab, a dead link the kernel has not
 * noticed yet) would make the server queue everything its room broadcasts, without bound. A
 * connection that has more than the limit queued when the next message is due is dropped at once:
 * its socket is destroyed, which frees the queue, and the client (if it still lives) sees 1006 and
 * reconnects, getting the current state by sync instead of the backlog.
 */

/** What backpressure needs of a socket (a `ws` WebSocket has exactly this). */
export type BufferedSocket = {
  /** Bytes queued but not yet handed to the kernel. */
  readonly bufferedAmount: number
  send(message: Uint8Array): void
  /** Destroys the socket at once, without a closing handshake. */
  terminate(): void
}

/**
 * Sends `message` on `socket` unless more than `maxBufferedBytes` are already queued there, in
 * which case the socket is terminated instead and `onDrop` is told how much was queued. One
 * message is always accepted on top of a queue under the limit, so a single large sync reply
 * (larger than the limit) still goes out. Returns whether the message was queued.
 */
export function sendOrDrop(
  socket: BufferedSocket,
  message: Uint8Array,
  maxBufferedBytes: number,
  onDrop: (bufferedBytes: number) => void,
): boolean {
  const buffered = socket.bufferedAmount
  if (maxBufferedBytes > 0 && buffered > maxBufferedBytes) {
    socket.terminate()
    onDrop(buffered)
    return false
  }
  socket.send(message)
  return true
}
