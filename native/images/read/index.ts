// The page readers of scan ingest: one source file (JPEG, PNG, TIFF, PDF) → its ordered,
// validated page images with metadata and thumbnails.
export { inspectSource } from './inspect.js';
export { normalizePageImage, thumbnailPageImage, type StoredPageImage } from './normalize-page.js';
export { readPages } from './read-pages.js';
export { readMessages } from './messages.js';
export {
  DEFAULT_LIMITS,
  MIN_DPI,
  THUMBNAIL_SIZE,
  type ColourMode,
  type DerivedImages,
  type PageImage,
  type PageWarning,
  type ReadLimits,
  type ReadOptions,
  type ReadPage,
  type SourceFormat,
  type SourceInfo,
} from './types.js';
