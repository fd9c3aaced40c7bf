/** Entry point of the Convene web app: mounts the app with its interface language and sign-in session. */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { AuthProvider } from './auth/AuthProvider'
import { LocaleProvider } from './i18n/LocaleProvider'
import './styles/base.css'
import './styles/app.css'
import './styles/editor.css'
import './styles/accounts.css'
import './styles/comments.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <LocaleProvider>
      <AuthProvider>
        <App />
      </AuthProvider>
    </LocaleProvider>
  </StrictMode>,
)
