// Component-scoped styles: `import styles from './Foo.module.css'` gives the hashed class names.
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>
  export default classes
}
