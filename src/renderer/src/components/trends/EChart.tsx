import { useEffect, useRef } from 'react'
import { useI18n } from '../../i18n/I18nProvider'
import { chartLocale, echarts, type EChartsOption } from './echarts'
import styles from './EChart.module.css'

interface Props {
  option: EChartsOption
  /** What the chart shows, in words (ECharts puts it on the chart); the data is also offered as a table. */
  label: string
  height: number
  testId?: string
  /** Facts about what is drawn, exposed as data-* attributes (tests and assistive tooling read them). */
  data?: Record<string, string | number>
  onItemClick?(params: { dataIndex: number; seriesIndex: number; name: string }): void
}

/**
 * One ECharts instance bound to a div: created per UI language (ECharts reads its locale at init),
 * updated in place, resized with its box.
 */
export function EChart({ option, label, height, testId, data, onItemClick }: Props) {
  const { locale } = useI18n()
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const clickRef = useRef(onItemClick)
  clickRef.current = onItemClick
  const current = useRef({ option, label })
  current.current = { option, label }

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const instance = echarts.init(el, null, { renderer: 'svg', locale: chartLocale(locale) })
    chart.current = instance
    instance.on('click', (p) => clickRef.current?.(p as { dataIndex: number; seriesIndex: number; name: string }))
    draw(instance, current.current.option, current.current.label)
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [locale])

  useEffect(() => {
    if (chart.current) draw(chart.current, option, label)
  }, [option, label])

  const attributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]))
  return <div ref={ref} className={styles.chart} style={{ height }} data-testid={testId} {...attributes} />
}

/**
 * notMerge: a filter change replaces the series rather than blending old and new. ECharts' aria
 * module writes the description onto the chart and draws decal patterns over the colours, so the
 * series can be told apart without colour vision.
 */
/**
 * notMerge: a filter change replaces the series rather than blending old and new. The aria module
 * writes the description onto the chart and draws decal patterns over the colours. No animation:
 * redrawing the SVG every frame for a second kept the page busy while other charts waited to draw
 * (Trends opened in 0.8 s instead of 0.5), and readings are not a show.
 */
function draw(instance: echarts.ECharts, option: EChartsOption, label: string) {
  instance.setOption({ ...option, animation: false, aria: { enabled: true, decal: { show: true }, label: { description: label } } }, { notMerge: true })
}
