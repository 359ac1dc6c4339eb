// Vite turns `Foo.module.css` into locally scoped class names; the import is their map.
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>
  export default classes
}
