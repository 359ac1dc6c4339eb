/**
 * ECharts, trimmed to what the trend views draw (stacked bars, lines; the year in pixels is plain SVG), with the
 * SVG renderer: it draws with DOM nodes under the strict CSP (no eval, no inline <style>), stays
 * sharp at any zoom, and leaves the chart inspectable. Imported through `echarts/core` so the
 * bundle carries only these modules (the plain legend: the scrolling one is never used). ECharts'
 * own Korean locale is registered, so its built-in words (month and weekday names, aria phrases)
 * follow the UI's language too.
 */
import { BarChart, LineChart } from 'echarts/charts'
import {
  AriaComponent,
  GridComponent,
  LegendPlainComponent,
  TooltipComponent
} from 'echarts/components'
import * as echarts from 'echarts/core'
import langKO from 'echarts/i18n/langKO-obj.js'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([
  BarChart,
  LineChart,
  AriaComponent,
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  SVGRenderer
])
echarts.registerLocale('KO', langKO)

/** ECharts' locale name for the UI's language ('EN' is built in). */
export const chartLocale = (locale: 'ko' | 'en'): string => (locale === 'ko' ? 'KO' : 'EN')

export { echarts }
export type EChartsOption = Parameters<echarts.ECharts['setOption']>[0]
