import { createContext, useContext } from 'react'

/**
 * Grows whenever the background queue has analysed something of the open profile. Pages that show
 * analyses (Trends, the day's insights) list it among their effect dependencies to load again.
 */
export const AnalysisRevisionContext = createContext(0)

export const useAnalysisRevision = (): number => useContext(AnalysisRevisionContext)
