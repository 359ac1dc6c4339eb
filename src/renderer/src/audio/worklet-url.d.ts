// Vite bundles a `?worker&url` import as a standalone script and resolves to its URL.
declare module '*?worker&url' {
  const url: string
  export default url
}
