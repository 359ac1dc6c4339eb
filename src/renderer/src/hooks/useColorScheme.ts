import { useEffect, useState } from 'react'
import type { ColorScheme } from '../../../shared/trends/emotion-style'

const query = '(prefers-color-scheme: dark)'

/** Follows the system's light/dark setting live, for colours that are set from code (emotion hues). */
export function useColorScheme(): ColorScheme {
  const [scheme, setScheme] = useState<ColorScheme>(() => (window.matchMedia?.(query).matches ? 'dark' : 'light'))
  useEffect(() => {
    const mq = window.matchMedia?.(query)
    if (!mq) return
    const update = () => setScheme(mq.matches ? 'dark' : 'light')
    mq.addEventListener('change', update)
    return () => mq.removeEventListener('change', update)
  }, [])
  return scheme
}
