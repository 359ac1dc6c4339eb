/** `entries` + `getByDate` → `entries-get-by-date`. Kept free of zod so the preload stays tiny. */
export function channelName(domain: string, verb: string): string {
  return `${domain}-${verb.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
}
