/**
 * The language seam: whatever turns a period's material into a reflection implements `Reflector`.
 * Haru ships one, the extractive reflector (`extractive/`), which only counts, compares and quotes
 * the writer's own sentences through fixed templates. A local language model could implement the
 * same interface someday and be chosen in `reflect.ts`; the API, page, CLI and export would not change.
 */
import type { Localized, Reflection, ReflectionSection } from '../../shared/api/reflections-schemas'
import type { ReflectionMaterial } from './material'

export interface ReflectorInfo {
  id: string
  kind: 'extractive' | 'generative'
  /** Shown with every reflection, so the writer knows how it was made. */
  note: Localized
}

export interface Reflector {
  readonly info: ReflectorInfo
  reflect(material: ReflectionMaterial): Reflection | Promise<Reflection>
}

/** A reflector that answers at once (the extractive one): what the synchronous Markdown export needs. */
export interface SyncReflector extends Reflector {
  reflect(material: ReflectionMaterial): Reflection
}

/**
 * One section of the extractive reflection. Sections are independent: each looks at the material
 * and says something, or returns null when there is nothing honest to say. Adding a section is
 * one provider plus one line in the provider list.
 */
export interface SectionProvider {
  readonly kind: ReflectionSection['kind']
  build(material: ReflectionMaterial): ReflectionSection | null
}
