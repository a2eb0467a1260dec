import { useEffect, useRef } from 'react';
import type { EChartsCoreOption, ECharts } from 'echarts/core';
import { echarts } from './echarts';
import { useTheme } from '../../theme';
import { exportFileName } from '../../shaping/csv';
import { usePalette } from './palette';

export interface ChartProps {
  option: EChartsCoreOption;
  height?: number;
  /** Names the PNG export; the chart gets a save-as-image button when given. */
  exportName?: string;
  /** Clicks on data items (a bar, a point): the item's series index and data index, and its data. */
  onItemClick?: (item: { seriesIndex: number; dataIndex: number; data: unknown; name: string }) => void;
  testId?: string;
  ariaLabel?: string;
}

/**
 * An ECharts canvas that follows the theme, resizes with its box, updates in place when the option changes (no
 * re-creation, so live charts do not flicker) and offers a PNG export.
 */
export function Chart({ option, height = 260, exportName, onItemClick, testId, ariaLabel }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const theme = useTheme();
  const palette = usePalette();
  const clickHandler = useRef(onItemClick);
  clickHandler.current = onItemClick;

  useEffect(() => {
    const element = box.current;
    if (!element) return undefined;
    const instance = echarts.init(element, theme === 'dark' ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      const p = params as unknown as { seriesIndex: number; dataIndex: number; data: unknown; name: string };
      clickHandler.current?.({ seriesIndex: p.seriesIndex, dataIndex: p.dataIndex, data: p.data, name: p.name });
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, [theme]);

  useEffect(() => {
    const instance = chart.current;
    if (!instance) return;
    instance.setOption(
      {
        backgroundColor: 'transparent',
        animationDuration: 300,
        ...(exportName
          ? {
              toolbox: {
                right: 4,
                top: 0,
                itemSize: 13,
                feature: {
                  saveAsImage: {
                    title: 'Save as PNG',
                    name: exportFileName(exportName, 'png').replace(/\.png$/, ''),
                    pixelRatio: 2,
                    backgroundColor: palette.panel,
                  },
                },
              },
            }
          : {}),
        ...option,
      },
      { notMerge: true, lazyUpdate: true },
    );
  }, [option, exportName, palette]);

  return (
    <div
      ref={box}
      className="chart"
      style={{ height }}
      data-testid={testId}
      role="img"
      aria-label={ariaLabel ?? exportName}
    />
  );
}
