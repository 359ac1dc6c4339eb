import { lazy, useState, type ComponentType, type JSX } from 'react'

export type LazyPage<P> = ((props: P) => JSX.Element) & {
  /** Loads the page's chunk (once); later visits render without suspending. */
  preload(): Promise<unknown>
}

/**
 * A page in its own chunk (route splitting). Before its chunk is loaded it renders as React.lazy,
 * so the Suspense fallback shows — and React keeps a revealed fallback up for about 300 ms, even
 * when the chunk arrives at once. After `preload()` (at idle, see `preloadWhenIdle`) or a first
 * visit, it renders the loaded component directly: no suspension, no 300 ms. Each mount keeps the
 * component type it started with, so a page's state survives the chunk arriving.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): LazyPage<P> {
  let loaded: ComponentType<P> | null = null
  let pending: Promise<ComponentType<P>> | null = null
  const preload = (): Promise<ComponentType<P>> => (pending ??= load().then((component) => (loaded = component)))
  const Suspending = lazy(() => preload().then((component) => ({ default: component })))
  function Page(props: P): JSX.Element {
    const [Component] = useState<ComponentType<P>>(() => loaded ?? (Suspending as unknown as ComponentType<P>))
    return <Component {...props} />
  }
  return Object.assign(Page, { preload })
}

/** Loads the pages' chunks once the app has settled and the browser is idle. */
export function preloadWhenIdle(pages: readonly { preload(): Promise<unknown> }[], afterMs = 2000): void {
  const idle = (fn: () => void): void => void (typeof requestIdleCallback === 'function' ? requestIdleCallback(fn, { timeout: 10_000 }) : setTimeout(fn, 0))
  setTimeout(() => idle(() => pages.forEach((page) => void page.preload().catch(() => undefined))), afterMs)
}
