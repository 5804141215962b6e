export { DEFAULT_SEED, MAX_DOCUMENTS, OCR_VARIANTS, defaultSeedsDir, generateSampleScans, renderOcrBenchmarkSet, sourceDocuments, type OcrSetOptions, type OcrVariant, type SampleOptions } from './generate.js';
export { classify, normalizeParagraph, paragraphsOf, type LineRole, type SourceDocument } from './documents.js';
export { MANIFEST_FILE, type OcrBenchmarkManifest, type OcrVariantPage, type PageTruth, type SampleDocument, type SampleManifest } from './manifest.js';
export { samplesMessages } from './messages.js';
