import type { ECharts, EChartsOption } from 'echarts';
import { forwardRef, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

export interface EChartHandle {
  /** The chart as a PNG data URL (white background), or null before it has drawn. */
  toPng: () => string | null;
}

/**
 * An ECharts chart; the library is imported on first use, so only dashboard pages download it.
 * `label` names the chart for screen readers (the canvas itself says nothing).
 */
export const EChart = forwardRef<EChartHandle, { option: EChartsOption; label: string; height?: number }>(
  function EChart({ option, label, height = 300 }, ref) {
    const { t } = useTranslation();
    const container = useRef<HTMLDivElement>(null);
    const chart = useRef<ECharts | null>(null);
    const [failed, setFailed] = useState(false);
    const latest = useRef(option);
    latest.current = option;

    useImperativeHandle(ref, () => ({
      toPng: () =>
        chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }) ?? null,
    }));

    useEffect(() => {
      let disposed = false;
      let observer: ResizeObserver | undefined;
      import('./echarts-parts.ts')
        .then((echarts) => {
          if (disposed || !container.current) return;
          const instance = echarts.init(container.current, undefined, { renderer: 'canvas', locale: 'EN' });
          chart.current = instance;
          instance.setOption(latest.current);
          observer = new ResizeObserver(() => instance.resize());
          observer.observe(container.current);
        })
        .catch(() => setFailed(true));
      return () => {
        disposed = true;
        observer?.disconnect();
        chart.current?.dispose();
        chart.current = null;
      };
    }, []);

    useEffect(() => {
      chart.current?.setOption(option, { notMerge: true });
    }, [option]);

    if (failed) return <p className="dash-chart__failed">{t('dashboards.chart.failed')}</p>;
    return <div ref={container} className="dash-chart" role="img" aria-label={label} style={{ height }} />;
  },
);
