/**
 * The archive: the ZIP writer and reader, safe extraction, the signed file manifest, compression on worker
 * threads, and SHA256SUMS. Knows nothing of plugins, keys or the CLI.
 */
export {
  BUNDLE_DIR,
  DEFAULT_LIMITS,
  MANIFEST_PATH,
  SIGNATURE_PATH,
  type ArchiveEntry,
  type ArchiveInput,
  type ArchiveLimits,
  type FileManifest,
  type FileManifestEntry,
  type ReadArchive,
} from "./types.js";
export {
  archiveTimestamp,
  assembleZip,
  assembleZipChunks,
  compressEntry,
  timestampFromSeconds,
  writeZip,
  type ArchiveTimestamp,
  type CompressedData,
  type CompressedInput,
} from "./zip-write.js";
export { readArchive, readArchiveAt, type CheckedArchive } from "./zip-read.js";
export { checkExtractTarget, extractArchive } from "./extract.js";
export {
  buildFileManifest,
  jsonErrorText,
  parseFileManifest,
  serializeFileManifest,
  sha256Hex,
} from "./file-manifest.js";
export { Compression, runJob, type CompressJob, type CompressResult } from "./compress-pool.js";
export { DeflateCache, defaultCacheFolder, PACK_CACHE_ENV } from "./deflate-cache.js";
export { CHECKSUMS_FILE, recordChecksum } from "./checksums.js";
export { writeChunksAtomic } from "./write-chunks.js";
