import { RotateLeftOutlined, RotateRightOutlined, ExpandOutlined, ZoomInOutlined, ZoomOutOutlined } from '@ant-design/icons';
import { Button, Space, Spin, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/index.js';

/** A hit's box in the normalized page image's pixels: [x0, y0, x1, y1]. */
export type HitBox = [number, number, number, number];

const STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.25, 1.5, 2, 3, 4];

/**
 * One page image that fits the space it is given (no page scrolling at 1366×768), zoomed,
 * fitted and rotated by buttons or keys (+ − 0 R, ← → for the pages), with the search hits'
 * boxes drawn over it; the boxes turn with the page.
 */
export function PageViewer({ src, boxes, onPrev, onNext }: { src: string | null; boxes: HitBox[]; onPrev: () => void; onNext: () => void }) {
  const { t } = useI18n();
  const frame = useRef<HTMLDivElement>(null);
  const [space, setSpace] = useState({ w: 0, h: 0 });
  // The loaded image's size, for the src it belongs to (a new page shows nothing stale).
  const [loaded, setLoaded] = useState<{ src: string; w: number; h: number } | null>(null);
  const natural = loaded && loaded.src === src ? loaded : null;
  // null: fit the page into the frame; otherwise a zoom factor of the natural size.
  const [zoom, setZoom] = useState<number | null>(null);
  const [rotation, setRotation] = useState(0);

  useEffect(() => {
    const el = frame.current;
    if (!el) return;
    const measure = () => setSpace({ w: el.clientWidth, h: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const turned = rotation % 180 !== 0;
  const rw = natural ? (turned ? natural.h : natural.w) : 1;
  const rh = natural ? (turned ? natural.w : natural.h) : 1;
  const fit = natural && space.w > 0 ? Math.min((space.w - 16) / rw, (space.h - 16) / rh) : 1;
  const scale = zoom ?? fit;
  const step = (dir: 1 | -1) => {
    const next = dir > 0 ? STEPS.find((s) => s > scale + 1e-3) : [...STEPS].reverse().find((s) => s < scale - 1e-3);
    setZoom(next ?? scale);
  };
  const rotate = (by: number) => setRotation((r) => (r + by + 360) % 360);
  const onKey = (e: KeyboardEvent) => {
    const keys: Record<string, () => void> = { '+': () => step(1), '=': () => step(1), '-': () => step(-1), '0': () => setZoom(null), r: () => rotate(90), R: () => rotate(-90), ArrowLeft: onPrev, ArrowRight: onNext, PageUp: onPrev, PageDown: onNext };
    const act = keys[e.key];
    if (act) {
      e.preventDefault();
      act();
    }
  };

  const w = natural ? natural.w * scale : 0;
  const h = natural ? natural.h * scale : 0;
  const boxW = turned ? h : w;
  const boxH = turned ? w : h;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', height: '100%', minWidth: 0 }}>
      <Space size={4} style={{ padding: '0 0 6px' }} wrap>
        <Tooltip title={t('viewerZoomOut')}><Button size="small" icon={<ZoomOutOutlined />} aria-label={t('viewerZoomOut')} data-testid="page-zoom-out" onClick={() => step(-1)} /></Tooltip>
        <Typography.Text data-testid="page-zoom" style={{ display: 'inline-block', width: 44, textAlign: 'center', fontSize: 12 }}>{Math.round(scale * 100)}%</Typography.Text>
        <Tooltip title={t('viewerZoomIn')}><Button size="small" icon={<ZoomInOutlined />} aria-label={t('viewerZoomIn')} data-testid="page-zoom-in" onClick={() => step(1)} /></Tooltip>
        <Button size="small" icon={<ExpandOutlined />} data-testid="page-fit" type={zoom === null ? 'primary' : 'default'} onClick={() => setZoom(null)}>{t('viewerFit')}</Button>
        <Tooltip title={t('viewerRotateLeft')}><Button size="small" icon={<RotateLeftOutlined />} aria-label={t('viewerRotateLeft')} data-testid="page-rotate-left" onClick={() => rotate(-90)} /></Tooltip>
        <Tooltip title={t('viewerRotateRight')}><Button size="small" icon={<RotateRightOutlined />} aria-label={t('viewerRotateRight')} data-testid="page-rotate" onClick={() => rotate(90)} /></Tooltip>
        {boxes.length > 0 && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="page-hit-count">{t('viewerHits', { n: boxes.length })}</Typography.Text>}
      </Space>
      <div
        ref={frame}
        tabIndex={0}
        onKeyDown={onKey}
        aria-label={t('pageImage')}
        data-testid="page-frame"
        style={{ flex: 1, minHeight: 0, overflow: 'auto', background: '#e8e4dc', outline: 'none', position: 'relative' }}
      >
        {!src && <Spin style={{ margin: 64 }} />}
        {src && (
          <div style={{ width: Math.max(boxW + 16, space.w), height: Math.max(boxH + 16, space.h), position: 'relative' }}>
            <div
              data-testid="page-canvas"
              data-rotation={rotation}
              style={{
                position: 'absolute',
                width: w,
                height: h,
                left: '50%',
                top: '50%',
                transform: `translate(-50%, -50%) rotate(${rotation}deg)`,
                boxShadow: '0 2px 8px rgba(0,0,0,.25)',
                background: '#fff',
              }}
            >
              <img
                data-testid="page-image"
                src={src}
                alt={t('pageImage')}
                onLoad={(e) => setLoaded({ src, w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
                style={{ width: '100%', height: '100%', display: 'block' }}
              />
              {natural && boxes.map(([x0, y0, x1, y1], i) => (
                <div
                  key={i}
                  data-testid="page-hit-box"
                  style={{ position: 'absolute', left: `${(x0 / natural.w) * 100}%`, top: `${(y0 / natural.h) * 100}%`, width: `${((x1 - x0) / natural.w) * 100}%`, height: `${((y1 - y0) / natural.h) * 100}%`, background: 'rgba(255, 214, 0, .35)', outline: '2px solid rgba(212, 136, 6, .9)' }}
                />
              ))}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
