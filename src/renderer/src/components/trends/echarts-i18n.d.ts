/** ECharts ships its locales as UMD files without type declarations. */
declare module 'echarts/i18n/langKO-obj.js' {
  const locale: Parameters<typeof import('echarts/core').registerLocale>[1]
  export default locale
}
