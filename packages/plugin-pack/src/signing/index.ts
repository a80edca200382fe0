/** Ed25519 keys and trust lists, signing a file manifest (with a key or an external signer), and verifying an archive. */
export { signedPayload, type SignatureFile, type VerifyReport } from "./types.js";
export {
  defaultKeyDir,
  generateSigningKey,
  keyIdOf,
  loadSigningKey,
  loadTrust,
  writeKeyPair,
  type SigningKey,
  type TrustedKey,
} from "./keys.js";
export { keyFingerprints } from "./key-fingerprints.js";
export { serializeSignatureFile, signManifest, type Signer } from "./sign.js";
export { verificationFailure, verifyArchive, verifyReadArchive, type VerifyOptions } from "./verify.js";
export { renderKeygen, renderVerify } from "./render.js";
