/**
 * ECharts, trimmed to what the trend views draw (calendar heatmap, stacked bars, lines), with the
 * SVG renderer: it draws with DOM nodes under the strict CSP (no eval, no inline <style>), stays
 * sharp at any zoom, and leaves the chart inspectable. Imported through `echarts/core` so the
 * bundle carries only these modules (the plain legend: the scrolling one is never used).
 */
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts'
import {
  AriaComponent,
  CalendarComponent,
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent
} from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'

echarts.use([
  BarChart,
  HeatmapChart,
  LineChart,
  AriaComponent,
  CalendarComponent,
  GridComponent,
  LegendPlainComponent,
  TooltipComponent,
  VisualMapPiecewiseComponent,
  SVGRenderer
])

export { echarts }
export type EChartsOption = Parameters<echarts.ECharts['setOption']>[0]
