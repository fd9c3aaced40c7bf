/**
 * Downloads an export: fetches it (so the page can show that it is being prepared and report a
 * refusal in words), then hands the file to the browser under the name the server gave it.
 */
import { ApiError } from '../api/api-error'
import { apiErrorOf } from '../api/api-fetch'
import { saveFile } from './save-file'

/** The file name of a `Content-Disposition` header (`attachment; filename="x.pdf"`), or null. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1])
    } catch {
      // fall back to the plain form
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(disposition)
  const name = (plain?.[1] ?? plain?.[2])?.trim()
  return name ? name : null
}

/** Fetches `url` and saves the answer as a file; resolves with the file name once it is handed over. */
export async function downloadExport(url: string, fallbackName: string): Promise<string> {
  let response: Response
  try {
    response = await fetch(url)
  } catch (cause) {
    throw new ApiError(0, `GET ${url}: the server could not be reached`, { cause })
  }
  if (!response.ok) throw await apiErrorOf(response, `GET ${url}`)
  const blob = await response.blob()
  const name = fileNameOf(response.headers.get('content-disposition')) ?? fallbackName
  saveFile(blob, name)
  return name
}
