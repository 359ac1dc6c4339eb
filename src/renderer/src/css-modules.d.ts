/** CSS Modules (Vite): each `Foo.module.css` gives its component a map of scoped class names. */
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>
  export default classes
}
