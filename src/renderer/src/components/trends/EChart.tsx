import { useEffect, useRef } from 'react'
import { echarts, type EChartsOption } from './echarts'

interface Props {
  option: EChartsOption
  /** What the chart shows, in words (ECharts puts it on the chart); the data is also offered as a table. */
  label: string
  className?: string
  testId?: string
  /** Facts about what is drawn, exposed as data-* attributes (tests and assistive tooling read them). */
  data?: Record<string, string | number>
  onItemClick?(params: { dataIndex: number; seriesIndex: number; name: string }): void
}

/** One ECharts instance bound to a div: created once, updated in place, resized with its box. */
export function EChart({ option, label, className, testId, data, onItemClick }: Props) {
  const ref = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  const clickRef = useRef(onItemClick)
  clickRef.current = onItemClick

  useEffect(() => {
    const el = ref.current
    if (!el) return
    const instance = echarts.init(el, null, { renderer: 'svg' })
    chart.current = instance
    instance.on('click', (p) => clickRef.current?.(p as { dataIndex: number; seriesIndex: number; name: string }))
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(el)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    // notMerge: a filter change replaces the series rather than blending old and new.
    // ECharts' aria module writes the description onto the chart and draws decal patterns over
    // the colours, so the series can be told apart without colour vision.
    // No animation: redrawing the SVG every frame for a second kept the page busy while other
    // charts waited to draw (Trends opened in 0.8 s instead of 0.5), and readings are not a show.
    chart.current?.setOption({ ...option, animation: false, aria: { enabled: true, decal: { show: true }, label: { description: label } } }, { notMerge: true })
  }, [option, label])

  const attributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, String(v)]))
  return <div ref={ref} className={`echart ${className ?? ''}`} data-testid={testId} {...attributes} />
}
