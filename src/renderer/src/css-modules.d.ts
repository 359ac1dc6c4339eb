// CSS Modules (Vite): `import styles from './Foo.module.css'` gives the scoped class names.
declare module '*.module.css' {
  const classes: { readonly [name: string]: string }
  export default classes
}
